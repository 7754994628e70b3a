// Reductions and scans along dims: reduce_sum/mean/max, cumsum, argmax and top_k.

import type { Attrs, Op, Value } from '../ir/module.js';
import { tensorType, type TensorType } from '../ir/types.js';
import { argmax, cumsum, reduce, topK } from '../runtime/index.js';
import { i64Array, type ElemType, type SSA, type TType } from '../emit/mlir-builder.js';
import { StableHloEmitter } from '../emit/stablehlo-emit.js';
import { resultOf, type Lowering } from '../emit/stablehlo-ops.js';
import { axisOf, tuple, type JaxHelper } from '../emit/jax-expr.js';
import type { FusionClass, GradientRule, OpEntry, TrainingFacts } from './entry.js';
import { dimNamesOf, expandTo, notDifferentiable, operandAt, resultAt } from './grad-support.js';
import {
  alongDim, attrNumber, attrString, attrStrings, blockedAlong, byName, dimSize, fail, inferReduce, list, names, ok,
  reducedAway, ruleAlong, type InferResult, type ShardingRule,
} from './signature.js';
import { vectorWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { countOver } from './lowering-support.js';
import { at } from '../util/checked.js';

function inferArgmax(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = alongDim('argmax')(operands, attrs);
  if (!bad.ok) return bad;
  const dim = attrString(attrs, 'dim');
  return ok(tensorType('i32', at(operands, 0, 'argmax').dims.filter((d) => d.name !== dim)));
}

function inferTopK(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = alongDim('top_k')(operands, attrs);
  if (!bad.ok) return bad;
  const t = at(operands, 0, 'top_k');
  const dim = attrString(attrs, 'dim');
  const kDim = attrString(attrs, 'k_dim');
  const k = attrNumber(attrs, 'k');
  const size = dimSize(t, dim);
  if (!(k >= 1 && k <= size)) return fail(`top_k needs 1 <= k <= ${size} (the size of ${dim}) but k is ${k}.`);
  if (t.dims.some((d) => d.name === kDim)) {
    return fail(`top_k result dim ${kDim} is already a dim of ${list(names(t))}.`);
  }
  const dims = t.dims.map((d) => (d.name === dim ? { name: kDim, size: k } : d));
  return ok(tensorType(t.dtype, dims), tensorType('i32', dims));
}

function topKRule(operands: readonly TensorType[], results: readonly TensorType[], attrs: Attrs): ShardingRule {
  const dim = attrString(attrs, 'dim');
  const kDim = attrString(attrs, 'k_dim');
  const rule = byName(operands, results, new Map([
    ...blockedAlong(at(operands, 0, 'top_k operands'), [dim]),
    ...blockedAlong(at(results, 0, 'top_k results'), [kDim]),
  ]));
  return rule;
}

const reductionHlo = (kind: 'sum' | 'mean' | 'max'): Lowering => (cx, op, args) => {
  const { e } = cx;
  const x = at(args, 0, op.kind);
  const dims = attrStrings(op.attrs, 'dims');
  const r = e.reduce(x, dims, kind === 'max' ? 'max' : 'add');
  if (kind !== 'mean') return [r];
  const count = countOver(x, dims);
  return [{ ssa: e.binary('stablehlo.divide', r.ssa, e.splat(count, r.ssa.type)), dims: r.dims }];
};

/**
 * Prefix sum along `dim` as a reduce_window of the whole dim padded in front (what jax lowers
 * cumsum to on TPU). Exclusive: the input shifted by one first (pad 1 in front, -1 at the back),
 * which is exact where `inclusive - x` would round.
 */
const cumsumHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const input = at(args, 0, op.kind);
  let x = input.ssa;
  const k = input.dims.indexOf(attrString(op.attrs, 'dim'));
  const n = at(x.type.shape, k, 'cumsum operand shape');
  const zero = e.initValue('add', x.type.elem);
  const along = (v: number): number[] => x.type.shape.map((_, i) => (i === k ? v : 0));
  if (op.attrs['exclusive'] === true) {
    x = e.b.one({
      op: 'stablehlo.pad', operands: [x, zero], result: x.type,
      props: [
        `edge_padding_low = ${i64Array(along(1))}`, `edge_padding_high = ${i64Array(along(-1))}`,
        `interior_padding = ${i64Array(along(0))}`,
      ],
    });
  }
  const rank = x.type.shape.length;
  const window = x.type.shape.map((_, i) => (i === k ? n : 1));
  const padding = x.type.shape.map((_, i) => `[${i === k ? n - 1 : 0}, 0]`).join(', ');
  const scalar: TType = { shape: [], elem: x.type.elem };
  const ssa = e.b.one({
    op: 'stablehlo.reduce_window', operands: [x, zero], result: x.type,
    props: [`window_dimensions = ${i64Array(window)}`, `padding = dense<[${padding}]> : tensor<${rank}x2xi64>`],
    regions: [{
      args: [scalar, scalar],
      // the block's arguments are the two scalars the region declares: the add's operands as they are
      body: (rb, pq) => [rb.one({ op: 'stablehlo.add', operands: pq, result: scalar })],
    }],
  });
  return [{ ssa, dims: input.dims }];
};

/**
 * argmax along `dim` as a variadic reduce over (value, index) with jax's comparator: the larger
 * value wins, a NaN wins, and on equal values the lower index wins.
 */
const argmaxHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const x = at(args, 0, op.kind);
  const k = x.dims.indexOf(attrString(op.attrs, 'dim'));
  const elem = x.ssa.type.elem;
  const idx = e.iota({ shape: x.ssa.type.shape, elem: 'i32' }, k);
  const vScalar: TType = { shape: [], elem };
  const iScalar: TType = { shape: [], elem: 'i32' };
  const keptShape = x.ssa.type.shape.filter((_, i) => i !== k);
  const results = e.b.emit({
    op: 'stablehlo.reduce', operands: [x.ssa, idx, e.initValue('max', elem), e.splat(0, iScalar)],
    results: [{ shape: keptShape, elem }, { shape: keptShape, elem: 'i32' }],
    props: [`dimensions = ${i64Array([k])}`],
    regions: [{
      args: [vScalar, iScalar, vScalar, iScalar],
      body: (rb, blockArgs) => {
        const arg = (i: number): SSA => at(blockArgs, i, 'argmax comparator arguments');
        const [av, ai, bv, bi] = [arg(0), arg(1), arg(2), arg(3)];
        const r = new StableHloEmitter(rb);
        const pickV = r.binary('stablehlo.or', r.compare('GT', av, bv), r.compare('NE', av, av));
        const tie = r.binary('stablehlo.and', r.compare('EQ', av, bv), r.compare('LT', ai, bi));
        const pickI = r.binary('stablehlo.or', pickV, tie);
        return [r.select(pickV, av, bv), r.select(pickI, ai, bi)];
      },
    }],
  });
  return [{ ssa: at(results, 1, 'argmax reduce results'), dims: x.dims.filter((_, i) => i !== k) }];
};

/**
 * top_k along `dim`: a stable descending sort of (values, indices), so equal values keep
 * increasing index order, then the first k. The new dim `k_dim` takes `dim`'s position.
 */
const topKHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const x = at(args, 0, op.kind);
  const k = x.dims.indexOf(attrString(op.attrs, 'dim'));
  const count = attrNumber(op.attrs, 'k');
  const elem = x.ssa.type.elem;
  const idx = e.iota({ shape: x.ssa.type.shape, elem: 'i32' }, k);
  const vScalar: TType = { shape: [], elem };
  const iScalar: TType = { shape: [], elem: 'i32' };
  const [vals, ids] = e.b.emit({
    op: 'stablehlo.sort', operands: [x.ssa, idx], results: [x.ssa.type, idx.type],
    props: [`dimension = ${k} : i64`, 'is_stable = true'],
    regions: [{
      args: [vScalar, vScalar, iScalar, iScalar],
      body: (rb, blockArgs) => {
        const [a, b] = [at(blockArgs, 0, 'top_k comparator'), at(blockArgs, 1, 'top_k comparator')];
        return [new StableHloEmitter(rb).compare('GT', a, b)];
      },
    }],
  }) as [SSA, SSA];
  const dims = resultOf(op).dims;
  const limit = x.ssa.type.shape.map((s, i) => (i === k ? count : s));
  const slice = (v: SSA, elemOut: ElemType): SSA => e.b.one({
    op: 'stablehlo.slice', operands: [v], result: { shape: limit, elem: elemOut },
    props: [
      `start_indices = ${i64Array(limit.map(() => 0))}`, `limit_indices = ${i64Array(limit)}`,
      `strides = ${i64Array(limit.map(() => 1))}`,
    ],
  });
  return [{ ssa: slice(vals, elem), dims }, { ssa: slice(ids, 'i32'), dims }];
};

const EXCLUSIVE_CUMSUM_PY: JaxHelper = {
  name: 'exclusive_cumsum', order: 1,
  source: `def exclusive_cumsum(x, axis):
    """Prefix sums that start at 0: element i sums the elements before i along axis."""
    pad = [(0, 0, 0)] * x.ndim
    pad[axis] = (1, -1, 0)  # shift by one: a zero in front, the last element dropped (exact, unlike cumsum - x)
    return jnp.cumsum(jax.lax.pad(x, jnp.zeros((), x.dtype), pad), axis=axis)`,
};

const TOP_K_PY: JaxHelper = {
  name: 'top_k', order: 2,
  source: `def top_k(x, k, axis):
    """The k largest along axis (ties: lower index first), k taking axis's place; values and int32 indices."""
    values, indices = jax.lax.top_k(jnp.moveaxis(x, axis, -1), k)
    return jnp.moveaxis(values, -1, axis), jnp.moveaxis(indices, -1, axis).astype(jnp.int32)`,
};

/** sum: repeat the cotangent along the summed dims; mean: the same over N; max: to the maxima, shared on ties. */
const reduceGradient = (kind: 'sum' | 'mean' | 'max'): GradientRule => (b, op, [ct]) => {
  const x = operandAt(op, 0);
  if (!ct) return [undefined];
  const dims = attrStrings(op.attrs, 'dims');
  if (kind === 'sum') return [expandTo(b, ct, x.type)];
  if (kind === 'mean') {
    const n = x.type.dims.filter((d) => dims.includes(d.name)).reduce((p, d) => p * d.size, 1);
    return [expandTo(b, b.op('mul', [ct, b.constant(1 / n, ct.type.dtype)], {}, 'over_n'), x.type)];
  }
  const dt = ct.type.dtype;
  const hit = b.op('compare', [x, expandTo(b, resultAt(op, 0), x.type)], { direction: 'EQ' }, 'argmax_mask');
  const ones = b.op('select', [hit, b.constant(1, dt), b.constant(0, dt)], {}, 'hits');
  const share = b.op('div', [ct, b.op('reduce_sum', [ones], { dims }, 'ties')], {}, 'share');
  return [b.op('select', [hit, expandTo(b, share, x.type), b.constant(0, dt)], {}, 'dx')];
};

/** The transpose of a prefix sum is a suffix sum: the total minus the prefix sum of the other kind. */
const cumsumGradient: GradientRule = (b, op, [ct]) => {
  const x = operandAt(op, 0);
  if (!ct) return [undefined];
  const dim = attrString(op.attrs, 'dim');
  const total = expandTo(b, b.op('reduce_sum', [ct], { dims: [dim] }, 'total'), x.type);
  const prefix = b.op('cumsum', [ct], { dim, exclusive: op.attrs['exclusive'] !== true }, 'prefix');
  return [b.op('sub', [total, prefix], {}, 'suffix')];
};

/** The values' cotangent scattered back to the positions the indices name (a one-hot contraction). */
const topKGradient: GradientRule = (b, op, [ct]) => {
  const x = operandAt(op, 0);
  if (!ct) return [undefined];
  const dim = attrString(op.attrs, 'dim');
  const size = x.type.dims.find((d) => d.name === dim)?.size ?? 0;
  const hot = b.op('one_hot', [resultAt(op, 1)], { dim, size }, 'positions');
  const inputs = [dimNamesOf(ct.type), dimNamesOf(hot.type)];
  return [b.op('einsum', [ct, hot], { inputs, output: dimNamesOf(x.type) }, 'dx')];
};

const noGradient: TrainingFacts = { saves: 'none', product: 'none', differentiable: 'all' };
const axesOf = (op: Op, key: string) => tuple(attrStrings(op.attrs, key).map((d) => axisOf(operandAt(op, 0), d)));
const dimAxis = (op: Op) => axisOf(operandAt(op, 0), attrString(op.attrs, 'dim'));

function reduceEntry<K extends string>(
  name: K, kind: 'sum' | 'mean' | 'max', doc: string, surfaceDoc: string, jnp: string, saves: TrainingFacts['saves'],
): OpEntry & { name: K } {
  return {
    name, doc, family: 'reductions', tier: 1,
    infer: inferReduce(name),
    rule: (o, r) => byName(o, r, reducedAway(o, r, kind === 'max' ? 'max' : 'sum')),
    work: vectorWork(1, 'operands'),
    fusion: (): FusionClass => 'reduction',
    kernel: (op, args) => [reduce(at(args, 0, op.kind), kind, attrStrings(op.attrs, 'dims'))],
    collective: null,
    stablehlo: reductionHlo(kind),
    jax: (op, arg) => `${jnp}(${arg(0)}, axis=${axesOf(op, 'dims')})`,
    splitNormalization: null,
    training: { ...noGradient, saves },
    gradient: reduceGradient(kind),
    surface: { form: 'overDims', doc: surfaceDoc },
    partition: {
      ...PLAIN_PARTITION, partialAs: kind === 'mean' ? 'mean' : 'sum', paddingFill: kind === 'max' ? '-inf' : 0,
    },
    role: PLAIN_ROLE,
  };
}

// One entry per op with each of its facts written out (one place per op): the fields repeat, not logic.
export const REDUCTION_OPS = {
  reduce_sum: reduceEntry('reduce_sum', 'sum', 'Sum over `dims`.', 'reduce_sum(x, [G, S]): sum over dims.',
    'jnp.sum', 'none'),
  reduce_mean: reduceEntry('reduce_mean', 'mean', 'Mean over `dims`.', 'reduce_mean(x, S): mean over dims.',
    'jnp.mean', 'none'),
  reduce_max: reduceEntry('reduce_max', 'max', 'Maximum over `dims`.', 'reduce_max(x, S): maximum over dims.',
    'jnp.max', 'both'),
  cumsum: {
    name: 'cumsum', doc: 'Inclusive (or `exclusive`) prefix sum along `dim`.', family: 'reductions', tier: 1,
    infer: alongDim('cumsum'),
    rule: ruleAlong('blocked'),
    work: vectorWork(1),
    fusion: () => 'reduction',
    kernel: (op, args) => [cumsum(at(args, 0, op.kind), attrString(op.attrs, 'dim'), op.attrs['exclusive'] === true)],
    collective: null,
    stablehlo: cumsumHlo,
    jax: (op, arg, helpers) => {
      if (op.attrs['exclusive'] !== true) return `jnp.cumsum(${arg(0)}, axis=${dimAxis(op)})`;
      helpers.set(EXCLUSIVE_CUMSUM_PY.name, EXCLUSIVE_CUMSUM_PY);
      return `exclusive_cumsum(${arg(0)}, axis=${dimAxis(op)})`;
    },
    splitNormalization: null,
    training: noGradient,
    gradient: cumsumGradient,
    surface: { form: 'custom' },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'cumsum' },
  argmax: {
    name: 'argmax', doc: 'Index of the maximum along `dim` (ties to the lower index), as i32.',
    family: 'reductions', tier: 1,
    infer: inferArgmax,
    rule: ruleAlong('blocked'),
    work: vectorWork(1),
    fusion: () => 'none',
    kernel: (op, args) => [argmax(at(args, 0, op.kind), attrString(op.attrs, 'dim'))],
    collective: null,
    stablehlo: argmaxHlo,
    jax: (op, arg) => `jnp.argmax(${arg(0)}, axis=${dimAxis(op)}).astype(jnp.int32)`,
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'none' },
    gradient: notDifferentiable('an i32 index: piecewise constant in its operand'),
    surface: { form: 'alongDim', doc: 'argmax(x, E): index of the maximum along E (ties to the lower index), i32.' },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'argmax' },
  top_k: {
    name: 'top_k', doc: 'The k largest along `dim` (values, indices) in a new dim `k_dim`.',
    family: 'reductions', tier: 1,
    infer: inferTopK,
    rule: topKRule,
    work: vectorWork(2),
    fusion: () => 'none',
    kernel: (op, args) => {
      const a = op.attrs;
      const x = at(args, 0, op.kind);
      const { values, indices } = topK(x, attrString(a, 'dim'), attrNumber(a, 'k'), attrString(a, 'k_dim'));
      return [values, indices];
    },
    collective: null,
    stablehlo: topKHlo,
    jax: (op, arg, helpers) => {
      helpers.set(TOP_K_PY.name, TOP_K_PY);
      return `top_k(${arg(0)}, ${attrNumber(op.attrs, 'k')}, axis=${dimAxis(op)})`;
    },
    splitNormalization: null,
    // The values carry a gradient; the indices do not.
    training: { saves: 'result', product: 'none', differentiable: [0] },
    gradient: topKGradient,
    surface: { form: 'custom' },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'top_k' },
} as const;
