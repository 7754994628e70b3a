// The surface signature of every built-in call (`softmax(x, E)`, ...): its parameters and how it
// lowers to ops of the IR op table. Argument binding and checking is generic over this table.

import type { Span } from '@gshard/grammar';
import type { Value } from '../ir/module.js';
import { parseEinsumSpec } from '../ir/einsum-spec.js';
import { lowerTop2Gating } from './top2-gating.js';
import {
  argSpan, dim, dims, str, tensor, tensorSpan, type BoundArg, type Builtin, type CallSite, type ParamSpec,
} from './call-site.js';

export type { ParamKind, ParamSpec, BoundArg, CallSite, Builtin } from './call-site.js';

const emit1 = (site: CallSite, kind: string, operands: Value[], attrs: Record<string, import('../ir/module.js').AttrValue>, spans: Span[] = []) =>
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

const BUILTIN_LIST: readonly Builtin[] = [
  {
    name: 'einsum', doc: 'einsum("GSM,ME->GSE", a, b): contraction over dim names.', results: 1,
    params: [{ name: 'spec', kind: 'string' }, { name: 'operands', kind: 'tensors' }],
    lower: (s) => {
      const specArg = s.args.get('spec') as Extract<BoundArg, { kind: 'string' }>;
      const spec = parseEinsumSpec(specArg.value);
      if ('error' in spec) {
        s.ctx.error('shape-einsum-spec', spec.error, specArg.span);
        return undefined;
      }
      const ops = s.args.get('operands') as Extract<BoundArg, { kind: 'tensors' }>;
      return emit1(s, 'einsum', ops.values, { inputs: spec.inputs.map((t) => [...t]), output: [...spec.output] }, ops.spans);
    },
  },
  binary('add', 'a + b, with named broadcasting.'),
  binary('sub', 'a - b, with named broadcasting.'),
  binary('mul', 'a * b, with named broadcasting.'),
  binary('div', 'a / b, with named broadcasting.'),
  binary('max', 'Elementwise maximum, with named broadcasting.'),
  binary('lt', 'a < b as an f32 mask.'),
  binary('gt', 'a > b as an f32 mask.'),
  unary('relu', 'max(x, 0).'),
  unary('gelu', 'GELU (tanh approximation).'),
  unary('exp', 'e^x.'),
  unary('log', 'Natural logarithm.'),
  unary('tanh', 'Hyperbolic tangent.'),
  unary('neg', '-x.'),
  alongDim('softmax', 'softmax(x, E): softmax along dim E.'),
  alongDim('log_softmax', 'log_softmax(x, E): log-softmax along dim E.'),
  overDims('layer_norm', 'layer_norm(x, M): zero mean, unit variance over M (eps 1e-6).'),
  overDims('reduce_sum', 'reduce_sum(x, [G, S]): sum over dims.'),
  overDims('reduce_mean', 'reduce_mean(x, S): mean over dims.'),
  overDims('reduce_max', 'reduce_max(x, S): maximum over dims.'),
  {
    name: 'transpose', doc: 'transpose(x, [S, G, M]): reorder dims by name.', results: 1,
    params: [X, { name: 'order', kind: 'dims' }],
    lower: (s) => emit1(s, 'transpose', [tensor(s, 'x')], { order: dims(s, 'order').names }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'reshape', doc: 'reshape(x, [A, M]): merge or split dims; the element count is kept.', results: 1,
    params: [X, { name: 'dims', kind: 'dims' }],
    lower: (s) => emit1(s, 'reshape', [tensor(s, 'x')], { dims: dims(s, 'dims').names, sizes: dims(s, 'dims').sizes }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'rename', doc: 'rename(x, S, T): rename dim S to T (equal sizes).', results: 1,
    params: [X, { name: 'from', kind: 'dim' }, { name: 'to', kind: 'dim' }],
    lower: (s) => emit1(s, 'rename', [tensor(s, 'x')], { from: dim(s, 'from').name, to: dim(s, 'to').name, size: dim(s, 'to').size }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'one_hot', doc: 'one_hot(ids, E): i32 ids to an f32 one-hot along new dim E.', results: 1,
    params: [{ name: 'ids', kind: 'tensor' }, { name: 'dim', kind: 'dim' }],
    lower: (s) => emit1(s, 'one_hot', [tensor(s, 'ids')], { dim: dim(s, 'dim').name, size: dim(s, 'dim').size }, [tensorSpan(s, 'ids')]),
  },
  {
    name: 'cumsum', doc: 'cumsum(x, S, exclusive = false): prefix sum along S.', results: 1,
    params: [X, { name: 'dim', kind: 'dim' }, { name: 'exclusive', kind: 'bool', optional: true }],
    lower: (s) => emit1(s, 'cumsum', [tensor(s, 'x')], {
      dim: dim(s, 'dim').name,
      exclusive: (s.args.get('exclusive') as Extract<BoundArg, { kind: 'bool' }> | undefined)?.value ?? false,
    }, [tensorSpan(s, 'x')]),
  },
  alongDim('argmax', 'argmax(x, E): index of the maximum along E (ties to the lower index), i32.'),
  {
    name: 'top_k', doc: 'top_k(x, E, K): the k = |K| largest along E, as (values, indices) with dim K.', results: 2,
    params: [X, { name: 'dim', kind: 'dim' }, { name: 'k_dim', kind: 'dim' }],
    lower: (s) => emit1(s, 'top_k', [tensor(s, 'x')], { dim: dim(s, 'dim').name, k_dim: dim(s, 'k_dim').name, k: dim(s, 'k_dim').size }, [tensorSpan(s, 'x')]),
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
    lower: (s) => emit1(s, 'cast', [tensor(s, 'x')], { to: (s.args.get('to') as Extract<BoundArg, { kind: 'dtype' }>).value }, [tensorSpan(s, 'x')]),
  },
  {
    name: 'top2_gating',
    doc: 'combine, dispatch, aux = top2_gating(logits, E, C, policy = "all" | "random", noise = u): GShard Algorithm 1.',
    results: 3,
    params: [
      { name: 'logits', kind: 'tensor' }, { name: 'experts', kind: 'dim' }, { name: 'capacity', kind: 'dim' },
      { name: 'policy', kind: 'string', optional: true }, { name: 'noise', kind: 'tensor', optional: true },
    ],
    lower: (s) => {
      const policy = str(s, 'policy') ?? 'all';
      if (policy !== 'all' && policy !== 'random') {
        s.ctx.error('shape-top2-policy', `top2_gating policy must be "all" or "random" but is "${policy}".`, argSpan(s, 'policy'));
        return undefined;
      }
      const noise = s.args.get('noise') as Extract<BoundArg, { kind: 'tensor' }> | undefined;
      if (policy === 'random' && !noise) {
        s.ctx.error('shape-top2-noise', `top2_gating with policy "random" needs noise = <f32[G, S] uniform draw>.`, s.span);
        return undefined;
      }
      return lowerTop2Gating(s, policy, noise?.value);
    },
  },
];

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(BUILTIN_LIST.map((b) => [b.name, b]));

/** `softmax(x, dim)` — the signature line for help and completion. */
export function builtinSignature(b: Builtin): string {
  return `${b.name}(${b.params.map((p) => (p.optional ? `${p.name} = …` : p.kind === 'tensors' ? `${p.name}…` : p.name)).join(', ')})`;
}
