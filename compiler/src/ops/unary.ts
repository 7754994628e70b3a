// Unary elementwise math (relu, gelu, exp, log, tanh, neg, sqrt) and the dtype conversion cast.

import type { Attrs } from '../ir/module.js';
import { tensorType, type DType, type TensorType } from '../ir/types.js';
import {
  abs, cast, exp, gelu, log, neg, powScalar, relu, rsqrt, sigmoid, silu, sqrt, square, tanh, type NDArray,
} from '../runtime/index.js';
import { elemOf, type SSA } from '../emit/mlir-builder.js';
import type { Lowering } from '../emit/stablehlo-ops.js';
import { JNP_DTYPE, pyNumber, type JaxLowering } from '../emit/jax-expr.js';
import type { GradBuilder, OpEntry, TrainingFacts } from './entry.js';
import { unaryRule, where, operandAt } from './grad-support.js';
import type { Value } from '../ir/module.js';
import {
  arity, attrNumber, attrString, byName, fail, needFloat, ok, unaryFloat, type InferResult,
} from './signature.js';
import { vectorWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { at } from '../util/checked.js';

interface UnarySpec {
  readonly doc: string;
  readonly surfaceDoc: string;
  readonly kernel: (a: NDArray) => NDArray;
  /** VPU operations per element (reported FLOPs). */
  readonly flopsPerElement: number;
  readonly stablehlo: Lowering;
  readonly jax: JaxLowering;
  readonly saves: TrainingFacts['saves'];
  /** The VJP: the cotangent times the derivative, from the operand x and the result y. */
  readonly grad: (b: GradBuilder, ct: Value, x: Value, y: Value) => Value;
}

function unaryOp<K extends string>(name: K, s: UnarySpec): OpEntry & { name: K } {
  return {
    name, doc: s.doc, family: 'unary', tier: 0,
    infer: unaryFloat(name),
    rule: (operands, results) => byName(operands, results),
    work: vectorWork(s.flopsPerElement),
    fusion: () => 'elementwise',
    kernel: (op, args) => [s.kernel(at(args, 0, op.kind))],
    collective: null,
    stablehlo: s.stablehlo,
    jax: s.jax,
    splitNormalization: null,
    training: { saves: s.saves, product: 'none', differentiable: 'all' },
    gradient: unaryRule(s.grad),
    surface: { form: 'unary', doc: s.surfaceDoc },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  };
}

const mul = (b: GradBuilder, x: Value, y: Value, hint: string): Value => b.op('mul', [x, y], {}, hint);
const scaled = (b: GradBuilder, x: Value, c: number, hint: string): Value =>
  mul(b, x, b.constant(c, x.type.dtype), hint);
/** 1 - v. */
const oneMinus = (b: GradBuilder, v: Value, hint: string): Value =>
  b.op('sub', [b.constant(1, v.type.dtype), v], {}, hint);
/** v compared with 0 (`GT`, `GE`): a bool mask. */
const sign = (b: GradBuilder, v: Value, direction: string, hint: string): Value =>
  b.op('compare', [v, b.constant(0, v.type.dtype)], { direction }, hint);
const isFloatType = (d: string): boolean => d === 'f32' || d === 'bf16';

/**
 * d gelu / dx for the tanh approximation: 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3a x^2), where
 * t = tanh(c (x + a x^3)), c = sqrt(2/pi), a = 0.044715.
 */
function geluGrad(b: GradBuilder, ct: Value, x: Value): Value {
  const c = Math.sqrt(2 / Math.PI);
  const a = 0.044715;
  const x2 = b.op('square', [x], {}, 'x2');
  const inner = b.op('add', [x, scaled(b, mul(b, x2, x, 'x3'), a, 'ax3')], {}, 'inner');
  const t = b.op('tanh', [scaled(b, inner, c, 'u')], {}, 't');
  const left = scaled(b, b.op('add', [b.constant(1, x.type.dtype), t], {}, 'one_plus_t'), 0.5, 'cdf');
  const sech2 = oneMinus(b, b.op('square', [t], {}, 't2'), 'sech2');
  const du = b.op('add', [b.constant(c, x.type.dtype), scaled(b, x2, 3 * a * c, 'c3ax2')], {}, 'du');
  const right = mul(b, scaled(b, mul(b, x, sech2, 'x_sech2'), 0.5, 'half_x_sech2'), du, 'pdf');
  return mul(b, ct, b.op('add', [left, right], {}, 'dgelu'), 'dx');
}

/** `stablehlo.<name>` of the operand. */
const hloUnary = (hlo: string): Lowering => (cx, op, args) => {
  const x = at(args, 0, op.kind);
  return [{ ssa: cx.e.unary(hlo, x.ssa), dims: x.dims }];
};

const pyCall = (fn: string): JaxLowering => (_op, arg) => `${fn}(${arg(0)})`;

const reluHlo: Lowering = (cx, op, args) => {
  const x = at(args, 0, op.kind);
  return [{ ssa: cx.e.binary('stablehlo.maximum', x.ssa, cx.e.splat(0, x.ssa.type)), dims: x.dims }];
};

/**
 * The tanh approximation, as jax.nn.gelu and our runtime compute it:
 * x * 0.5 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
 */
const geluHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const input = at(args, 0, op.kind);
  const x = input.ssa;
  const c = (v: number): SSA => e.splat(v, x.type);
  const x3 = e.binary('stablehlo.multiply', e.binary('stablehlo.multiply', x, x), x);
  const inner = e.binary('stablehlo.add', x, e.binary('stablehlo.multiply', c(0.044715), x3));
  const t = e.unary('stablehlo.tanh', e.binary('stablehlo.multiply', c(Math.sqrt(2 / Math.PI)), inner));
  const cdf = e.binary('stablehlo.multiply', c(0.5), e.binary('stablehlo.add', c(1), t));
  return [{ ssa: e.binary('stablehlo.multiply', x, cdf), dims: input.dims }];
};

function inferCast(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'cast');
  if (bad) return bad;
  const to = attrString(attrs, 'to') as DType;
  if (!['f32', 'bf16', 'i32', 'bool'].includes(to)) {
    return fail(`cast needs a dtype (f32, bf16, i32, bool) but was given "${to}".`);
  }
  return ok(tensorType(to, at(operands, 0, 'cast').dims));
}

const castHlo: Lowering = (cx, op, args) => {
  const x = at(args, 0, op.kind);
  const to = elemOf(attrString(op.attrs, 'to') as DType);
  // To bool means `!= 0` (as the runtime does), which a plain convert does not promise for floats.
  const ssa = to === 'i1' ? cx.e.compare('NE', x.ssa, cx.e.splat(0, x.ssa.type)) : cx.e.convert(x.ssa, to);
  return [{ ssa, dims: x.dims }];
};

// One entry per op with each of its facts written out (one place per op): the fields repeat, not logic.
const castEntry: OpEntry & { name: 'cast' } = {
  name: 'cast', doc: 'Converts to another dtype.', family: 'unary', tier: 0,
  infer: inferCast,
  rule: (operands, results) => byName(operands, results),
  work: vectorWork(0),
  fusion: () => 'elementwise',
  kernel: (op, args) => [cast(at(args, 0, op.kind), attrString(op.attrs, 'to') as DType)],
  collective: null,
  stablehlo: castHlo,
  jax: (op, arg) => {
    const to = attrString(op.attrs, 'to') as DType;
    return to === 'bool' ? `${arg(0)} != 0` : `${arg(0)}.astype(${JNP_DTYPE[to]})`;
  },
  splitNormalization: null,
  training: { saves: 'none', product: 'none', differentiable: 'all' },
  // f32 <-> bf16: the cotangent converted back; a cast to or from an integer or bool carries none
  gradient: (b, op, [ct]) => {
    const from = operandAt(op, 0).type.dtype;
    if (!ct || !isFloatType(from) || !isFloatType(ct.type.dtype)) return [undefined];
    return [from === ct.type.dtype ? ct : b.op('cast', [ct], { to: from }, 'uncast')];
  },
  surface: { form: 'custom' },
  partition: PLAIN_PARTITION,
  role: PLAIN_ROLE,
};

/** x * logistic(x). */
const siluHlo: Lowering = (cx, op, args) => {
  const { ssa: x, dims } = at(args, 0, op.kind);
  return [{ ssa: cx.e.binary('stablehlo.multiply', x, cx.e.unary('stablehlo.logistic', x)), dims }];
};

const squareHlo: Lowering = (cx, op, args) => {
  const { ssa: x, dims } = at(args, 0, op.kind);
  return [{ ssa: cx.e.binary('stablehlo.multiply', x, x), dims }];
};

function inferPow(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'pow') ?? needFloat(at(operands, 0, 'pow'), 'pow');
  if (bad) return bad;
  const x = at(operands, 0, 'pow');
  const p = attrNumber(attrs, 'exponent');
  return Number.isFinite(p) ? ok(x) : fail(`pow needs a finite number exponent but was given ${p}.`);
}

const powEntry: OpEntry & { name: 'pow' } = {
  name: 'pow', doc: 'x ** exponent for a scalar exponent attribute.', family: 'unary', tier: 0,
  infer: inferPow,
  rule: (operands, results) => byName(operands, results),
  work: vectorWork(8),
  fusion: () => 'elementwise',
  kernel: (op, args) => [powScalar(at(args, 0, op.kind), attrNumber(op.attrs, 'exponent'))],
  collective: null,
  stablehlo: (cx, op, args) => {
    const { ssa: x, dims } = at(args, 0, op.kind);
    return [{ ssa: cx.e.binary('stablehlo.power', x, cx.e.splat(attrNumber(op.attrs, 'exponent'), x.type)), dims }];
  },
  jax: (op, arg) => {
    const exponent = pyNumber(attrNumber(op.attrs, 'exponent'), 'f32');
    return `jnp.power(${arg(0)}, ${JNP_DTYPE[operandAt(op, 0).type.dtype]}(${exponent}))`;
  },
  splitNormalization: null,
  training: { saves: 'both', product: 'none', differentiable: 'all' },
  // d x^p / dx = p x^(p-1)
  gradient: (b, op, [ct]) => {
    const x = operandAt(op, 0);
    const p = attrNumber(op.attrs, 'exponent');
    if (!ct) return [undefined];
    return [mul(b, ct, scaled(b, b.op('pow', [x], { exponent: p - 1 }, 'pow_m1'), p, 'dpow'), 'dx')];
  },
  partition: PLAIN_PARTITION,
  role: PLAIN_ROLE,
  surface: { form: 'custom' },
};

export const UNARY_OPS = {
  relu: unaryOp('relu', {
    doc: 'max(x, 0).', surfaceDoc: 'max(x, 0).', kernel: relu, flopsPerElement: 1,
    stablehlo: reluHlo, jax: pyCall('jax.nn.relu'), saves: 'result',
    grad: (b, ct, _x, y) => where(b, sign(b, y, 'GT', 'on'), ct, 'dx'),
  }),
  gelu: unaryOp('gelu', {
    doc: 'Gaussian error linear unit (tanh approximation).', surfaceDoc: 'GELU (tanh approximation).', kernel: gelu,
    flopsPerElement: 8, stablehlo: geluHlo, saves: 'operands',
    jax: (_op, arg) => `jax.nn.gelu(${arg(0)}, approximate=True)`,
    grad: geluGrad,
  }),
  exp: unaryOp('exp', {
    doc: 'e^x.', surfaceDoc: 'e^x.', kernel: exp, flopsPerElement: 4,
    stablehlo: hloUnary('stablehlo.exponential'), jax: pyCall('jnp.exp'), saves: 'result',
    grad: (b, ct, _x, y) => mul(b, ct, y, 'dx'),
  }),
  log: unaryOp('log', {
    doc: 'Natural logarithm.', surfaceDoc: 'Natural logarithm.', kernel: log, flopsPerElement: 4,
    stablehlo: hloUnary('stablehlo.log'), jax: pyCall('jnp.log'), saves: 'operands',
    grad: (b, ct, x) => b.op('div', [ct, x], {}, 'dx'),
  }),
  tanh: unaryOp('tanh', {
    doc: 'Hyperbolic tangent.', surfaceDoc: 'Hyperbolic tangent.', kernel: tanh, flopsPerElement: 6,
    stablehlo: hloUnary('stablehlo.tanh'), jax: pyCall('jnp.tanh'), saves: 'result',
    grad: (b, ct, _x, y) => mul(b, ct, oneMinus(b, b.op('square', [y], {}, 'y2'), 'dtanh'), 'dx'),
  }),
  neg: unaryOp('neg', {
    doc: '-x.', surfaceDoc: '-x.', kernel: neg, flopsPerElement: 1,
    stablehlo: hloUnary('stablehlo.negate'), jax: (_op, arg) => `-${arg(0)}`, saves: 'none',
    grad: (b, ct) => b.op('neg', [ct], {}, 'dx'),
  }),
  // Square root: NaN below zero (IEEE, as XLA). Its derivative 1/(2 sqrt x) reads the result.
  sqrt: unaryOp('sqrt', {
    doc: 'Square root (NaN below zero).', surfaceDoc: 'sqrt(x): square root, elementwise.', kernel: sqrt,
    flopsPerElement: 4, stablehlo: hloUnary('stablehlo.sqrt'), jax: pyCall('jnp.sqrt'), saves: 'result',
    grad: (b, ct, _x, y) => scaled(b, b.op('div', [ct, y], {}, 'ct_over_y'), 0.5, 'dx'),
  }),
  abs: unaryOp('abs', {
    doc: '|x|.', surfaceDoc: 'abs(x): |x|, elementwise.', kernel: abs, flopsPerElement: 1,
    stablehlo: hloUnary('stablehlo.abs'), jax: pyCall('jnp.abs'), saves: 'operands',
    grad: (b, ct, x) => b.op('select', [sign(b, x, 'GE', 'nonneg'), ct, b.op('neg', [ct], {}, 'neg')], {}, 'dx'),
  }),
  rsqrt: unaryOp('rsqrt', {
    doc: '1 / sqrt(x).', surfaceDoc: 'rsqrt(x): 1 / sqrt(x), elementwise (RMSNorm\'s scale).', kernel: rsqrt,
    flopsPerElement: 4, stablehlo: hloUnary('stablehlo.rsqrt'), jax: pyCall('jax.lax.rsqrt'), saves: 'result',
    grad: (b, ct, x, y) => mul(b, ct, scaled(b, b.op('div', [y, x], {}, 'y_over_x'), -0.5, 'drsqrt'), 'dx'),
  }),
  square: unaryOp('square', {
    doc: 'x * x.', surfaceDoc: 'square(x): x * x, elementwise.', kernel: square, flopsPerElement: 1,
    stablehlo: squareHlo, jax: pyCall('jnp.square'), saves: 'operands',
    grad: (b, ct, x) => mul(b, ct, scaled(b, x, 2, 'two_x'), 'dx'),
  }),
  sigmoid: unaryOp('sigmoid', {
    doc: '1 / (1 + e^-x).', surfaceDoc: 'sigmoid(x): the logistic function 1 / (1 + e^-x).', kernel: sigmoid,
    flopsPerElement: 6, stablehlo: hloUnary('stablehlo.logistic'), jax: pyCall('jax.nn.sigmoid'), saves: 'result',
    grad: (b, ct, _x, y) => mul(b, ct, mul(b, y, oneMinus(b, y, 'one_minus_y'), 'dsigmoid'), 'dx'),
  }),
  silu: unaryOp('silu', {
    doc: 'x * sigmoid(x).', surfaceDoc: 'silu(x): x * sigmoid(x) (swish; SwiGLU\'s gate).', kernel: silu,
    flopsPerElement: 7, stablehlo: siluHlo, jax: pyCall('jax.nn.silu'), saves: 'operands',
    grad: (b, ct, x) => {
      // d(x s)/dx = s (1 + x (1 - s)), s = sigmoid(x)
      const sg = b.op('sigmoid', [x], {}, 's');
      const slope = mul(b, x, oneMinus(b, sg, 'one_minus_s'), 'x_one_minus_s');
      const inner = b.op('add', [b.constant(1, x.type.dtype), slope], {}, 'inner');
      return mul(b, ct, mul(b, sg, inner, 'dsilu'), 'dx');
    },
  }),
  pow: powEntry,
  cast: castEntry,
} as const;
