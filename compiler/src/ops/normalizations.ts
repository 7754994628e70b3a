// Normalizations along dims: softmax, log_softmax, layer_norm, rms_norm and logsumexp. Their normalized
// dims may stay split: the partitioner expands them into local statistics and all-reduces (the recipes below).

import type { Op, Value } from '../ir/module.js';
import { tensorType } from '../ir/types.js';
import { layerNorm, logSoftmax, logsumexp, rmsNorm, softmax } from '../runtime/index.js';
import type { SSA } from '../emit/mlir-builder.js';
import type { Named } from '../emit/stablehlo-emit.js';
import type { Lowering } from '../emit/stablehlo-ops.js';
import { axisOf, tuple, type JaxHelper } from '../emit/jax-expr.js';
import { splitStats, type Layout, type LocalBuilder } from './split-stats.js';
import type { GradientRule, OpEntry } from './entry.js';
import { expandTo, operandAt, resultAt } from './grad-support.js';
import {
  alongDim, attrNumber, attrString, attrStrings, inferReduce, needFloat, ok, ruleAlong,
} from './signature.js';
import { vectorWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { countOver } from './lowering-support.js';
import { at } from '../util/checked.js';

/** Max-subtracted softmax along `dim`: exp(x - max) / sum(exp(x - max)); log-softmax is (x - max) - log(sum). */
const softmaxHlo = (log: boolean): Lowering => (cx, op, args) => {
  const { e } = cx;
  const x = at(args, 0, op.kind);
  const dim = attrString(op.attrs, 'dim');
  const shifted = e.binary('stablehlo.subtract', x.ssa, e.reduceKeep(x, [dim], 'max'));
  const ex = e.unary('stablehlo.exponential', shifted);
  const sum = e.reduce({ ssa: ex, dims: x.dims }, [dim], 'add');
  const back = (r: Named): SSA => e.alignTo(r, x.dims, x.ssa.type.shape).ssa;
  // log-softmax takes the log before broadcasting: one log per row, not per element.
  const ssa = !log
    ? e.binary('stablehlo.divide', ex, back(sum))
    : e.binary('stablehlo.subtract', shifted, back({ ssa: e.unary('stablehlo.log', sum.ssa), dims: sum.dims }));
  return [{ ssa, dims: x.dims }];
};

/** (x - mean) * rsqrt(var + 1e-6) over `dims`, with the biased variance; no scale or bias. */
const layerNormHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const x = at(args, 0, op.kind);
  const dims = attrStrings(op.attrs, 'dims');
  const count = countOver(x, dims);
  const mean = e.binary('stablehlo.divide', e.reduceKeep(x, dims, 'add'), e.splat(count, x.ssa.type));
  const centered = e.binary('stablehlo.subtract', x.ssa, mean);
  const sq = e.binary('stablehlo.multiply', centered, centered);
  const sumSq = e.reduceKeep({ ssa: sq, dims: x.dims }, dims, 'add');
  const variance = e.binary('stablehlo.divide', sumSq, e.splat(count, x.ssa.type));
  const inv = e.unary('stablehlo.rsqrt', e.binary('stablehlo.add', variance, e.splat(1e-6, x.ssa.type)));
  return [{ ssa: e.binary('stablehlo.multiply', centered, inv), dims: x.dims }];
};

const LAYER_NORM_PY: JaxHelper = {
  name: 'layer_norm', order: 0,
  source: `def layer_norm(x, axis, eps=1e-6):
    """(x - mean) / sqrt(var + eps) over axis, biased variance, no scale or bias: gshard's layer_norm."""
    centered = x - jnp.mean(x, axis=axis, keepdims=True)
    return centered * jax.lax.rsqrt(jnp.mean(centered * centered, axis=axis, keepdims=True) + eps)`,
};

/** softmax / log_softmax along a split dim: subtract the global max, exponentiate, divide by the global sum. */
const splitSoftmax = (log: boolean) => (op: Op, x: Value, layout: Layout, b: LocalBuilder): Value => {
  const s = splitStats(op, x, layout, b, [attrString(op.attrs, 'dim')]);
  const max = s.stat(s.masked(x, '-inf', 'x'), 'reduce_max', 'max');
  const shifted = s.full(x, 'sub', {}, 'shifted', [x, max]);
  const e = s.full(shifted, 'exp', {}, 'exp');
  const sum = s.stat(s.masked(e, 0, 'exp'), 'reduce_sum', 'sum');
  if (!log) return s.full(e, 'div', {}, 'result', [e, sum]);
  const logSum = s.statOp('log', [sum], 'log_sum');
  return s.full(shifted, 'sub', {}, 'result', [shifted, logSum]);
};

/** layer_norm over split dims: mean and variance from all-reduced sums. */
function splitLayerNorm(op: Op, x: Value, layout: Layout, b: LocalBuilder): Value {
  const s = splitStats(op, x, layout, b, attrStrings(op.attrs, 'dims'));
  const inv = s.constant(1 / s.count, 'inv_count');
  const mean = s.statOp('mul', [s.stat(s.masked(x, 0, 'x'), 'reduce_sum', 'sum'), inv], 'mean');
  const centered = s.full(x, 'sub', {}, 'centered', [x, mean]);
  const squares = s.full(centered, 'mul', {}, 'squares', [centered, centered]);
  const sumSquares = s.stat(s.masked(squares, 0, 'squares'), 'reduce_sum', 'sum_squares');
  const variance = s.statOp('mul', [sumSquares, inv], 'variance');
  // 1 / sqrt(var + eps) as exp(-log(var + eps) / 2), as written before the op set had sqrt; kept so
  // that partitioned programs print as they did.
  const shiftedVar = s.statOp('add', [variance, s.constant(1e-6, 'eps')], 'variance_eps');
  const logVar = s.statOp('log', [shiftedVar], 'log_variance');
  const halfLog = s.statOp('mul', [logVar, s.constant(-0.5, 'minus_half')], 'half_log');
  const invStd = s.statOp('exp', [halfLog], 'inv_std');
  return s.full(centered, 'mul', {}, 'result', [centered, invStd]);
}

/** softmax: y (ct - sum(ct y)); log_softmax: ct - exp(y) sum(ct); both along the op's dim. */
const softmaxGradient = (log: boolean): GradientRule => (b, op, [ct]) => {
  const y = resultAt(op, 0);
  if (!ct) return [undefined];
  const dims = [attrString(op.attrs, 'dim')];
  if (!log) {
    const s = b.op('reduce_sum', [b.op('mul', [ct, y], {}, 'ct_y')], { dims }, 'ct_y_sum');
    return [b.op('mul', [y, b.op('sub', [ct, s], {}, 'centered')], {}, 'dx')];
  }
  const s = b.op('reduce_sum', [ct], { dims }, 'ct_sum');
  return [b.op('sub', [ct, b.op('mul', [b.op('exp', [y], {}, 'p'), s], {}, 'p_ct_sum')], {}, 'dx')];
};

/**
 * layer_norm: inv (ct - mean(ct) - y mean(ct y)), inv = 1/sqrt(var + eps), recomputed from the
 * operand (the forward op keeps it inside its kernel).
 */
const layerNormGradient: GradientRule = (b, op, [ct]) => {
  const x = operandAt(op, 0);
  const y = resultAt(op, 0);
  if (!ct) return [undefined];
  const dims = attrStrings(op.attrs, 'dims');
  const mean = (v: Value, hint: string): Value => b.op('reduce_mean', [v], { dims }, hint);
  const centered = b.op('sub', [x, mean(x, 'mean')], {}, 'centered');
  const variance = mean(b.op('square', [centered], {}, 'sq'), 'var');
  const inv = b.op('rsqrt', [b.op('add', [variance, b.constant(1e-6, x.type.dtype)], {}, 'var_eps')], {}, 'inv');
  const ctMean = mean(ct, 'ct_mean');
  const proj = b.op('mul', [y, mean(b.op('mul', [ct, y], {}, 'ct_y'), 'ct_y_mean')], {}, 'proj');
  const inner = b.op('sub', [b.op('sub', [ct, ctMean], {}, 'ct_centered'), proj], {}, 'inner');
  return [expandTo(b, b.op('mul', [inner, inv], {}, 'dx'), x.type)];
};

/**
 * rms_norm: y = x r with r = rsqrt(mean(x^2) + eps), so dx = r ct - x r^3 mean(ct x), means along the
 * op's dim; r is recomputed from the operand (the forward op keeps it inside its kernel).
 */
const rmsNormGradient: GradientRule = (b, op, [ct]) => {
  const x = operandAt(op, 0);
  if (!ct) return [undefined];
  const dims = [attrString(op.attrs, 'dim')];
  const meanSquares = b.op('reduce_mean', [b.op('square', [x], {}, 'sq')], { dims }, 'mean_sq');
  const eps = b.constant(attrNumber(op.attrs, 'eps'), x.type.dtype);
  const r = b.op('rsqrt', [b.op('add', [meanSquares, eps], {}, 'mean_sq_eps')], {}, 'inv_rms');
  const ctX = b.op('reduce_mean', [b.op('mul', [ct, x], {}, 'ct_x')], { dims }, 'ct_x_mean');
  const r3 = b.op('mul', [b.op('square', [r], {}, 'inv_rms_sq'), r], {}, 'inv_rms_cubed');
  const correction = b.op('mul', [x, b.op('mul', [r3, ctX], {}, 'scale')], {}, 'correction');
  const dx = b.op('sub', [b.op('mul', [ct, r], {}, 'ct_r'), correction], {}, 'dx');
  return [expandTo(b, dx, x.type)];
};

/** logsumexp: dx = ct exp(x - y), the softmax of x along the dropped dim times the cotangent. */
const logsumexpGradient: GradientRule = (b, op, [ct]) => {
  const x = operandAt(op, 0);
  const y = resultAt(op, 0);
  if (!ct) return [undefined];
  const p = b.op('exp', [b.op('sub', [x, y], {}, 'shifted')], {}, 'p');
  return [expandTo(b, b.op('mul', [p, ct], {}, 'dx'), x.type)];
};

/** x * rsqrt(mean(x^2 over `dim`) + eps); no scale. */
const rmsNormHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const x = at(args, 0, op.kind);
  const dim = attrString(op.attrs, 'dim');
  const count = x.ssa.type.shape[x.dims.indexOf(dim)] ?? 1;
  const squares = e.binary('stablehlo.multiply', x.ssa, x.ssa);
  const sum = e.reduceKeep({ ssa: squares, dims: x.dims }, [dim], 'add');
  const mean = e.binary('stablehlo.divide', sum, e.splat(count, x.ssa.type));
  const eps = e.splat(attrNumber(op.attrs, 'eps'), x.ssa.type);
  const inv = e.unary('stablehlo.rsqrt', e.binary('stablehlo.add', mean, eps));
  return [{ ssa: e.binary('stablehlo.multiply', x.ssa, inv), dims: x.dims }];
};

/** max + log(sum(exp(x - max))) over `dim`, which the result drops. */
const logsumexpHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const x = at(args, 0, op.kind);
  const dim = attrString(op.attrs, 'dim');
  const max = e.reduce(x, [dim], 'max');
  const shifted = e.binary('stablehlo.subtract', x.ssa, e.alignTo(max, x.dims, x.ssa.type.shape).ssa);
  const sum = e.reduce({ ssa: e.unary('stablehlo.exponential', shifted), dims: x.dims }, [dim], 'add');
  return [{ ssa: e.binary('stablehlo.add', max.ssa, e.unary('stablehlo.log', sum.ssa)), dims: max.dims }];
};

const RMS_NORM_PY: JaxHelper = {
  name: 'rms_norm', order: 4,
  source: `def rms_norm(x, axis, eps):
    """x / sqrt(mean(x^2 over axis) + eps), no scale: gshard's rms_norm."""
    return x * jax.lax.rsqrt(jnp.mean(x * x, axis=axis, keepdims=True) + eps)`,
};

const LOGSUMEXP_PY: JaxHelper = {
  name: 'logsumexp', order: 5,
  source: `def logsumexp(x, axis):
    """max + log(sum(exp(x - max))) over axis, which is removed: gshard's logsumexp."""
    m = jnp.max(x, axis=axis, keepdims=True)
    return jnp.squeeze(m, axis) + jnp.log(jnp.sum(jnp.exp(x - m), axis=axis))`,
};

/** rms_norm along a split dim: the mean of squares from an all-reduced sum. */
function splitRmsNorm(op: Op, x: Value, layout: Layout, b: LocalBuilder): Value {
  const s = splitStats(op, x, layout, b, [attrString(op.attrs, 'dim')]);
  const squares = s.full(x, 'mul', {}, 'squares', [x, x]);
  const sumSquares = s.stat(s.masked(squares, 0, 'squares'), 'reduce_sum', 'sum_squares');
  const meanSquares = s.statOp('mul', [sumSquares, s.constant(1 / s.count, 'inv_count')], 'mean_squares');
  const shifted = s.statOp('add', [meanSquares, s.constant(attrNumber(op.attrs, 'eps'), 'eps')], 'mean_squares_eps');
  const inv = s.statOp('rsqrt', [shifted], 'inv_rms');
  return s.full(x, 'mul', {}, 'result', [x, inv]);
}

/** logsumexp along a split dim: the global max, then the log of the all-reduced sum of exp(x - max). */
function splitLogsumexp(op: Op, x: Value, layout: Layout, b: LocalBuilder): Value {
  const s = splitStats(op, x, layout, b, [attrString(op.attrs, 'dim')]);
  const max = s.stat(s.masked(x, '-inf', 'x'), 'reduce_max', 'max');
  const shifted = s.full(x, 'sub', {}, 'shifted', [x, max]);
  const e = s.full(shifted, 'exp', {}, 'exp');
  const sum = s.stat(s.masked(e, 0, 'exp'), 'reduce_sum', 'sum');
  return s.statOp('add', [max, s.statOp('log', [sum], 'log_sum')], 'result');
}

function softmaxEntry<K extends 'softmax' | 'log_softmax'>(
  name: K, doc: string, surfaceDoc: string,
): OpEntry & { name: K } {
  const log = name === 'log_softmax';
  return {
    name, doc, family: 'normalizations', tier: 1,
    infer: alongDim(name),
    rule: ruleAlong('normalized'),
    work: vectorWork(5),
    fusion: () => 'reduction',
    kernel: (op, args) => [(log ? logSoftmax : softmax)(at(args, 0, op.kind), attrString(op.attrs, 'dim'))],
    collective: null,
    stablehlo: softmaxHlo(log),
    jax: (op, arg) => `jax.nn.${name}(${arg(0)}, axis=${axisOf(operandAt(op, 0), attrString(op.attrs, 'dim'))})`,
    splitNormalization: splitSoftmax(log),
    training: { saves: 'result', product: 'none', differentiable: 'all' },
    gradient: softmaxGradient(log),
    surface: { form: 'alongDim', doc: surfaceDoc },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  };
}

// One entry per op with each of its facts written out (one place per op): the fields repeat, not logic.
export const NORMALIZATION_OPS = {
  softmax: softmaxEntry('softmax', 'Softmax along `dim` (max-subtracted).', 'softmax(x, E): softmax along dim E.'),
  log_softmax: softmaxEntry('log_softmax', 'Log-softmax along `dim`.', 'log_softmax(x, E): log-softmax along dim E.'),
  layer_norm: {
    name: 'layer_norm', doc: 'Normalises to zero mean and unit variance over `dims` (eps 1e-6, no scale or bias).',
    family: 'normalizations', tier: 1,
    // Checked like a reduction over `dims`, but the result keeps the operand's type.
    infer: (o, a) => {
      const asReduce = inferReduce('layer_norm')(o, a);
      if (!asReduce.ok) return asReduce;
      const x = at(o, 0, 'layer_norm');
      return needFloat(x, 'layer_norm') ?? ok(x);
    },
    rule: ruleAlong('normalized', 'dims'),
    work: vectorWork(8),
    fusion: () => 'reduction',
    kernel: (op, args) => [layerNorm(at(args, 0, op.kind), attrStrings(op.attrs, 'dims'), 1e-6)],
    collective: null,
    stablehlo: layerNormHlo,
    jax: (op, arg, helpers) => {
      helpers.set(LAYER_NORM_PY.name, LAYER_NORM_PY);
      const axes = tuple(attrStrings(op.attrs, 'dims').map((d) => axisOf(operandAt(op, 0), d)));
      return `layer_norm(${arg(0)}, axis=${axes})`;
    },
    splitNormalization: splitLayerNorm,
    training: { saves: 'operands', product: 'none', differentiable: 'all' },
    gradient: layerNormGradient,
    surface: { form: 'overDims', doc: 'layer_norm(x, M): zero mean, unit variance over M (eps 1e-6).' },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'layer_norm' },
  rms_norm: {
    name: 'rms_norm', doc: 'Divides by the root mean square along `dim`: x * rsqrt(mean(x^2) + eps) (no scale).',
    family: 'normalizations', tier: 1,
    infer: alongDim('rms_norm'),
    rule: ruleAlong('normalized'),
    work: vectorWork(4),
    fusion: () => 'reduction',
    kernel: (op, args) => [rmsNorm(at(args, 0, op.kind), attrString(op.attrs, 'dim'), attrNumber(op.attrs, 'eps'))],
    collective: null,
    stablehlo: rmsNormHlo,
    jax: (op, arg, helpers) => {
      helpers.set(RMS_NORM_PY.name, RMS_NORM_PY);
      const axis = axisOf(operandAt(op, 0), attrString(op.attrs, 'dim'));
      return `rms_norm(${arg(0)}, axis=${axis}, eps=${attrNumber(op.attrs, 'eps')})`;
    },
    splitNormalization: splitRmsNorm,
    training: { saves: 'operands', product: 'none', differentiable: 'all' },
    gradient: rmsNormGradient,
    surface: { form: 'custom' }, // the optional eps: lower/builtins.ts
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'rms_norm' },
  logsumexp: {
    name: 'logsumexp', doc: 'log(sum(exp(x))) along `dim`, max-subtracted; the result drops `dim`.',
    family: 'normalizations', tier: 1,
    // Checked as along `dim`; the result drops it.
    infer: (o, a) => {
      const along = alongDim('logsumexp')(o, a);
      const t = o[0];
      if (!along.ok || !t) return along;
      return ok(tensorType(t.dtype, t.dims.filter((d) => d.name !== attrString(a, 'dim'))));
    },
    rule: ruleAlong('normalized'),
    work: vectorWork(5, 'operands'),
    fusion: () => 'reduction',
    kernel: (op, args) => [logsumexp(at(args, 0, op.kind), attrString(op.attrs, 'dim'))],
    collective: null,
    stablehlo: logsumexpHlo,
    jax: (op, arg, helpers) => {
      helpers.set(LOGSUMEXP_PY.name, LOGSUMEXP_PY);
      return `logsumexp(${arg(0)}, axis=${axisOf(operandAt(op, 0), attrString(op.attrs, 'dim'))})`;
    },
    splitNormalization: splitLogsumexp,
    training: { saves: 'both', product: 'none', differentiable: 'all' },
    gradient: logsumexpGradient,
    surface: { form: 'custom' }, // lowered in lower/composites.ts with its diagnostics
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'logsumexp' },
} as const;
