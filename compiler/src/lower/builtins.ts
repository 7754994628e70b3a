// The surface signature of every built-in call (`softmax(x, E)`, ...): its parameters and how it
// lowers to ops of the op registry. Ops of a generic shape (binary, unary, along a dim, over dims)
// get their call from their registry entry's `surface`; the calls with their own signature (einsum's
// spec string, cast's dtype, ...) and the built-ins that are not one op (top2_gating) are written
// here. Argument binding and checking is generic over this table.

import type { Span } from '@gshard/grammar';
import type { Value } from '../ir/module.js';
import { parseEinsumSpec } from '../ir/einsum-spec.js';
import { lowerTop2Gating } from './top2-gating.js';
import { lowerEinsumChain } from './einsum-nary.js';
import { lowerLogsumexp, lowerRmsNorm, lowerSoftmaxCrossEntropy } from './composites.js';
import {
  argSpan, dim, dims, requiredNum, str, tensor, tensorSpan, type BoundArg, type Builtin, type CallSite, type ParamSpec,
} from './call-site.js';
import { OP_ENTRIES } from '../ops/registry.js';

export type { ParamKind, ParamSpec, BoundArg, CallSite, Builtin } from './call-site.js';

const emit1 = (site: CallSite, kind: string, operands: Value[],
  attrs: Record<string, import('../ir/module.js').AttrValue>, spans: Span[] = []) =>
  site.ctx.emit(kind, operands, attrs, site.span, site.names, spans);

// ---- the table --------------------------------------------------------------------------------

const X: ParamSpec = { name: 'x', kind: 'tensor' };

const binary = (name: string, doc: string): Builtin => ({
  name, doc, results: 1,
  params: [{ name: 'a', kind: 'scalarOrTensor' }, { name: 'b', kind: 'scalarOrTensor' }],
  lower: (s) => emit1(s, name, [tensor(s, 'a'), tensor(s, 'b')], {}, [tensorSpan(s, 'a'), tensorSpan(s, 'b')]),
});

const unary = (name: string, doc: string): Builtin => ({
  name, doc, results: 1, params: [X], lower: (s) => emit1(s, name, [tensor(s, 'x')], {}, [tensorSpan(s, 'x')]),
});

const alongDim = (name: string, doc: string): Builtin => ({
  name, doc, results: 1, params: [X, { name: 'dim', kind: 'dim' }],
  lower: (s) => emit1(s, name, [tensor(s, 'x')], { dim: dim(s, 'dim').name }, [tensorSpan(s, 'x')]),
});

const overDims = (name: string, doc: string): Builtin => ({
  name, doc, results: 1, params: [X, { name: 'dims', kind: 'dims' }],
  lower: (s) => emit1(s, name, [tensor(s, 'x')], { dims: dims(s, 'dims').names }, [tensorSpan(s, 'x')]),
});

/** `le(a, b)` and its kin: a bool compare, broadcast to the union of the operands' dims. */
const comparison = (name: string, direction: string, symbol: string): Builtin => ({
  name, doc: `${name}(a, b): a ${symbol} b as a bool tensor, broadcast by dim name to the union of dims.`, results: 1,
  lowersTo: 'compare',
  params: [{ name: 'a', kind: 'scalarOrTensor' }, { name: 'b', kind: 'scalarOrTensor' }],
  lower: (s) => emit1(s, 'compare', [tensor(s, 'a'), tensor(s, 'b')], { direction },
    [tensorSpan(s, 'a'), tensorSpan(s, 'b')]),
});

const selectCall = (name: string): Builtin => ({
  name, doc: `${name}(pred, a, b): a where the bool pred holds, else b (named broadcasting).`, results: 1,
  lowersTo: 'select',
  params: [{ name: 'pred', kind: 'tensor' }, { name: 'a', kind: 'scalarOrTensor' },
    { name: 'b', kind: 'scalarOrTensor' }],
  lower: (s) => emit1(s, 'select', [tensor(s, 'pred'), tensor(s, 'a'), tensor(s, 'b')], {},
    [tensorSpan(s, 'pred'), tensorSpan(s, 'a'), tensorSpan(s, 'b')]),
});

/** The calls with their own signature, by op kind, and the built-ins that lower to several ops. */
const CUSTOM_LIST: readonly Builtin[] = [
  comparison('eq', 'EQ', '=='), comparison('ne', 'NE', '!='), comparison('lt', 'LT', '<'),
  comparison('le', 'LE', '<='), comparison('gt', 'GT', '>'), comparison('ge', 'GE', '>='),
  selectCall('select'), selectCall('where'),
  {
    name: 'iota', doc: 'iota(T): the index along dim T (0, 1, ..., |T| - 1) as i32.', results: 1,
    params: [{ name: 'dim', kind: 'dim' }],
    lower: (s) => emit1(s, 'iota', [], { dim: dim(s, 'dim').name, size: dim(s, 'dim').size }),
  },
  {
    name: 'dropout', doc: 'dropout(x, 0.1, key): zero each element with probability rate (a hash of the i32[] key and '
      + 'its coordinates), scale the rest by 1 / (1 - rate); identical on the mesh and one device.', results: 1,
    params: [X, { name: 'rate', kind: 'number' }, { name: 'key', kind: 'tensor' }],
    lower: (s) => emit1(s, 'dropout', [tensor(s, 'x'), tensor(s, 'key')], { rate: requiredNum(s, 'rate') },
      [tensorSpan(s, 'x'), tensorSpan(s, 'key')]),
  },
  {
    name: 'slice', doc: 'slice(x, L, 4, 8): entries 4 .. 11 along dim L (L keeps its name, size 8).', results: 1,
    lowersTo: 'slice_along',
    params: [X, { name: 'dim', kind: 'dim' }, { name: 'start', kind: 'number' }, { name: 'size', kind: 'number' }],
    lower: (s) => emit1(s, 'slice_along', [tensor(s, 'x')], { dim: dim(s, 'dim').name, start: requiredNum(s, 'start'),
      size: requiredNum(s, 'size') },
      [tensorSpan(s, 'x')]),
  },
  {
    name: 'concat', doc: 'concat([a, b], L): a and b joined along dim L (their other dims equal).', results: 1,
    params: [{ name: 'operands', kind: 'tensors' }, { name: 'dim', kind: 'dim' }],
    lower: (s) => {
      const ops = s.args.get('operands') as Extract<BoundArg, { kind: 'tensors' }>;
      return emit1(s, 'concat', ops.values, { dim: dim(s, 'dim').name }, ops.spans);
    },
  },
  {
    name: 'pow', doc: 'pow(x, 3): x raised to a number, elementwise.', results: 1,
    params: [X, { name: 'exponent', kind: 'number' }],
    lower: (s) => emit1(s, 'pow', [tensor(s, 'x')], { exponent: requiredNum(s, 'exponent') }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'einsum',
    doc: 'einsum("GSM,ME->GSE", a, b): contraction over dim names; 3+ operands go pairwise, in the order of '
      + 'fewest FLOPs.',
    results: 1,
    params: [{ name: 'spec', kind: 'string' }, { name: 'operands', kind: 'tensors' }],
    lower: (s) => {
      const specArg = s.args.get('spec') as Extract<BoundArg, { kind: 'string' }>;
      const spec = parseEinsumSpec(specArg.value);
      if ('error' in spec) {
        s.ctx.error('shape-einsum-spec', spec.error, specArg.span);
        return undefined;
      }
      const ops = s.args.get('operands') as Extract<BoundArg, { kind: 'tensors' }>;
      if (ops.values.length > 2 && spec.inputs.length === ops.values.length) {
        return lowerEinsumChain(s, spec, ops.values, ops.spans);
      }
      return emit1(s, 'einsum', ops.values, { inputs: spec.inputs.map((t) => [...t]), output: [...spec.output] },
        ops.spans);
    },
  },
  {
    name: 'transpose', doc: 'transpose(x, [S, G, M]): reorder dims by name.', results: 1,
    params: [X, { name: 'order', kind: 'dims' }],
    lower: (s) => emit1(s, 'transpose', [tensor(s, 'x')], { order: dims(s, 'order').names }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'reshape', doc: 'reshape(x, [A, M]): merge or split dims; the element count is kept.', results: 1,
    params: [X, { name: 'dims', kind: 'dims' }],
    lower: (s) => emit1(s, 'reshape', [tensor(s, 'x')], { dims: dims(s, 'dims').names, sizes: dims(s, 'dims').sizes },
      [tensorSpan(s, 'x')]),
  },
  {
    name: 'rename', doc: 'rename(x, S, T): rename dim S to T (equal sizes).', results: 1,
    params: [X, { name: 'from', kind: 'dim' }, { name: 'to', kind: 'dim' }],
    lower: (s) => emit1(s, 'rename', [tensor(s, 'x')], { from: dim(s, 'from').name, to: dim(s, 'to').name,
      size: dim(s, 'to').size }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'one_hot', doc: 'one_hot(ids, E): i32 ids to an f32 one-hot along new dim E.', results: 1,
    params: [{ name: 'ids', kind: 'tensor' }, { name: 'dim', kind: 'dim' }],
    lower: (s) => emit1(s, 'one_hot', [tensor(s, 'ids')], { dim: dim(s, 'dim').name, size: dim(s, 'dim').size },
      [tensorSpan(s, 'ids')]),
  },
  {
    name: 'cumsum', doc: 'cumsum(x, S, exclusive = false): prefix sum along S.', results: 1,
    params: [X, { name: 'dim', kind: 'dim' }, { name: 'exclusive', kind: 'bool', optional: true }],
    lower: (s) => emit1(s, 'cumsum', [tensor(s, 'x')], {
      dim: dim(s, 'dim').name,
      exclusive: (s.args.get('exclusive') as Extract<BoundArg, { kind: 'bool' }> | undefined)?.value ?? false,
    }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'top_k', doc: 'top_k(x, E, K): the k = |K| largest along E, as (values, indices) with dim K.', results: 2,
    params: [X, { name: 'dim', kind: 'dim' }, { name: 'k_dim', kind: 'dim' }],
    lower: (s) => emit1(s, 'top_k', [tensor(s, 'x')], { dim: dim(s, 'dim').name, k_dim: dim(s, 'k_dim').name,
      k: dim(s, 'k_dim').size }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'gather', doc: 'gather(table, ids): rows of table (along its first dim) picked by i32 ids.', results: 1,
    params: [{ name: 'table', kind: 'tensor' }, { name: 'ids', kind: 'tensor' }],
    lower: (s) => emit1(s, 'gather', [tensor(s, 'table'), tensor(s, 'ids')],
      { dim: tensor(s, 'table').type.dims[0]?.name ?? '' }, [tensorSpan(s, 'table'), tensorSpan(s, 'ids')]),
  },
  {
    name: 'cast', doc: 'cast(x, bf16): convert to another dtype.', results: 1,
    params: [X, { name: 'to', kind: 'dtype' }],
    lower: (s) => emit1(s, 'cast', [tensor(s, 'x')],
      { to: (s.args.get('to') as Extract<BoundArg, { kind: 'dtype' }>).value }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'rms_norm',
    doc: 'rms_norm(x, M, eps = 1e-6): x / sqrt(mean(x^2 over M) + eps) (no scale: multiply by a param).',
    results: 1, params: [X, { name: 'dim', kind: 'dim' }, { name: 'eps', kind: 'number', optional: true }],
    lower: lowerRmsNorm,
  },
  {
    name: 'logsumexp', doc: 'logsumexp(x, V): log(sum(exp(x))) over V, computed stably (V removed).', results: 1,
    params: [X, { name: 'dim', kind: 'dim' }],
    lower: lowerLogsumexp,
  },
  {
    name: 'softmax_cross_entropy',
    doc: 'softmax_cross_entropy(logits, targets, V, pad_id = n): per-token -log softmax(logits)[target], '
      + 'f32 without V; targets equal to pad_id give 0.',
    results: 1,
    params: [
      { name: 'logits', kind: 'tensor' }, { name: 'targets', kind: 'tensor' }, { name: 'vocab', kind: 'dim' },
      { name: 'pad_id', kind: 'number', optional: true },
    ],
    lower: lowerSoftmaxCrossEntropy,
  },
  {
    name: 'top2_gating',
    doc: 'combine, dispatch, aux = top2_gating(logits, E, C, policy = "all" | "random", noise = u): '
      + 'GShard Algorithm 1.',
    results: 3,
    params: [
      { name: 'logits', kind: 'tensor' }, { name: 'experts', kind: 'dim' }, { name: 'capacity', kind: 'dim' },
      { name: 'policy', kind: 'string', optional: true }, { name: 'noise', kind: 'tensor', optional: true },
    ],
    lower: (s) => {
      const policy = str(s, 'policy') ?? 'all';
      if (policy !== 'all' && policy !== 'random') {
        s.ctx.error('shape-top2-policy', `top2_gating policy must be "all" or "random" but is "${policy}".`,
          argSpan(s, 'policy'));
        return undefined;
      }
      const noise = s.args.get('noise') as Extract<BoundArg, { kind: 'tensor' }> | undefined;
      if (policy === 'random' && !noise) {
        s.ctx.error('shape-top2-noise', `top2_gating with policy "random" needs noise = <f32[G, S] uniform draw>.`,
          s.span);
        return undefined;
      }
      return lowerTop2Gating(s, policy, noise?.value);
    },
  },
];

const GENERIC = { binary, unary, alongDim, overDims } as const;

/**
 * Every op's call in registry order (generic shapes from the entry, the others from CUSTOM), then the multi-op
 * built-ins.
 */
function builtinList(): Builtin[] {
  const out: Builtin[] = [];
  for (const e of OP_ENTRIES) {
    const s = e.surface;
    if (s.form === 'none') continue;
    if (s.form === 'custom') {
      const calls = CUSTOM_LIST.filter((b) => (b.lowersTo ?? b.name) === e.name);
      if (!calls.length) throw new Error(`op ${e.name} says its call is written in builtins.ts, but it is not`);
      out.push(...calls);
    } else {
      out.push(GENERIC[s.form](e.name, s.doc));
    }
  }
  for (const b of CUSTOM_LIST) if (!out.includes(b)) out.push(b);
  return out;
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(builtinList().map((b) => [b.name, b]));

/** `softmax(x, dim)` — the signature line for help and completion. */
export function builtinSignature(b: Builtin): string {
  const param = (p: ParamSpec): string => (p.optional ? `${p.name} = …` : p.kind === 'tensors' ? `${p.name}…` : p.name);
  return `${b.name}(${b.params.map(param).join(', ')})`;
}
