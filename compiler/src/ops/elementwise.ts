// Binary elementwise ops with named broadcasting: add, sub, mul, div, max, min and the lt/gt f32 masks
// (internal to top2_gating; source comparisons are bool, in compare.ts).

import type { Op, Value } from '../ir/module.js';
import type { DType } from '../ir/types.js';
import { add, div, gtMask, ltMask, maximum, minimum, mul, sub, type NDArray } from '../runtime/index.js';
import { aligned, resultOf, type Lowering } from '../emit/stablehlo-ops.js';
import type { JaxLowering } from '../emit/jax-expr.js';
import type { GradientRule, NotDifferentiable, OpEntry, TrainingFacts } from './entry.js';
import { notDifferentiable, sumTo, resultAt } from './grad-support.js';
import { broadcastType, byName } from './signature.js';
import { vectorWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { pyAligned } from './lowering-support.js';
import { at } from '../util/checked.js';

/** Both operands in the result's layout, as Python expressions. */
function alignedPy(op: Op, arg: (i: number) => string): [string, string] {
  const both = pyAligned(op, arg);
  return [at(both, 0, op.kind), at(both, 1, op.kind)];
}

interface BinarySpec {
  readonly doc: string;
  readonly surfaceDoc: string;
  readonly kernel: (a: NDArray, b: NDArray) => NDArray;
  readonly stablehlo: Lowering;
  readonly jax: JaxLowering;
  readonly training: TrainingFacts;
  readonly gradient: GradientRule | NotDifferentiable;
  readonly resultDType?: DType;
  /** Not callable from source (lt/gt: the f32 masks top2_gating uses; source lt/gt are bool compares). */
  readonly internal?: boolean;
  /** lt/gt: the runner draws an f32 input that is only compared from [0, 1). */
  readonly comparison?: boolean;
  /** add/sub: linear in both operands, so partial sums may be added before their reduction. */
  readonly sumsPartials?: boolean;
}

function binaryOp<K extends string>(name: K, s: BinarySpec): OpEntry & { name: K } {
  return {
    name, doc: s.doc, family: 'elementwise', tier: 0,
    infer: (operands) => broadcastType(operands, name, s.resultDType),
    rule: (operands, results) => byName(operands, results),
    work: vectorWork(1),
    fusion: () => 'elementwise',
    kernel: (op, args) => [s.kernel(at(args, 0, op.kind), at(args, 1, op.kind))],
    collective: null,
    stablehlo: s.stablehlo,
    jax: s.jax,
    splitNormalization: null,
    training: s.training,
    gradient: s.gradient,
    surface: s.internal ? { form: 'none' } : { form: 'binary', doc: s.surfaceDoc },
    partition: { ...PLAIN_PARTITION, sumsPartials: s.sumsPartials ?? false },
    role: { ...PLAIN_ROLE, comparison: s.comparison ?? false },
  };
}

/** `stablehlo.<name>` on the aligned operands. */
const hloBinary = (hlo: string): Lowering => (cx, op, args) => {
  const [a, b] = aligned(cx, op, args);
  return [{ ssa: cx.e.binary(hlo, a, b), dims: resultOf(op).dims }];
};

/** lt/gt: a compare, then 1.0/0.0 in f32 (the IR's masks are f32). */
const hloCompare = (direction: 'LT' | 'GT'): Lowering => (cx, op, args) => {
  const [a, b] = aligned(cx, op, args);
  return [{ ssa: cx.e.convert(cx.e.compare(direction, a, b), 'f32'), dims: resultOf(op).dims }];
};

const pyInfix = (symbol: string): JaxLowering => (op, arg) => {
  const [a, b] = alignedPy(op, arg);
  return `${a} ${symbol} ${b}`;
};

const pyMask = (symbol: string): JaxLowering => (op, arg) => {
  const [a, b] = alignedPy(op, arg);
  return `(${a} ${symbol} ${b}).astype(jnp.float32)`;
};


const linear: TrainingFacts = { saves: 'none', product: 'none', differentiable: 'all' };
const product: TrainingFacts = { saves: 'operands', product: 'product', differentiable: 'all' };
const mask: TrainingFacts = { saves: 'none', product: 'none', differentiable: 'none' };

/** A binary rule: each operand's cotangent at the result's dims, then summed to the operand's own dims. */
const binaryRule = (
  f: (b: Parameters<GradientRule>[0], ct: Value, x: Value, y: Value, r: Value)
    => [Value | undefined, Value | undefined],
): GradientRule => (b, op, [ct]) => {
  const [x, y] = op.operands as [Value, Value];
  if (!ct) return [undefined, undefined];
  const [dx, dy] = f(b, ct, x, y, resultAt(op, 0));
  return [dx && b.wants(0) ? sumTo(b, dx, x.type) : undefined, dy && b.wants(1) ? sumTo(b, dy, y.type) : undefined];
};

/** max/min: the cotangent goes to the operand that won (to the first on a tie). */
const pickRule = (direction: 'GE' | 'LE'): GradientRule => binaryRule((b, ct, x, y) => {
  const first = b.op('compare', [x, y], { direction }, 'first_wins');
  const zero = b.constant(0, ct.type.dtype);
  return [b.op('select', [first, ct, zero], {}, 'to_first'), b.op('select', [first, zero, ct], {}, 'to_second')];
});

const MASK_REASON = 'an f32 mask of a comparison: piecewise constant, so its derivative is zero wherever it exists';

export const ELEMENTWISE_OPS = {
  add: binaryOp('add', {
    doc: 'Elementwise a + b with named broadcasting.', surfaceDoc: 'a + b, with named broadcasting.',
    kernel: add, stablehlo: hloBinary('stablehlo.add'), jax: pyInfix('+'), training: linear, sumsPartials: true,
    gradient: binaryRule((_b, ct) => [ct, ct]),
  }),
  sub: binaryOp('sub', {
    doc: 'Elementwise a - b with named broadcasting.', surfaceDoc: 'a - b, with named broadcasting.',
    kernel: sub, stablehlo: hloBinary('stablehlo.subtract'), jax: pyInfix('-'), training: linear, sumsPartials: true,
    gradient: binaryRule((b, ct) => [ct, b.op('neg', [ct], {}, 'neg')]),
  }),
  mul: binaryOp('mul', {
    doc: 'Elementwise a * b with named broadcasting.', surfaceDoc: 'a * b, with named broadcasting.',
    kernel: mul, stablehlo: hloBinary('stablehlo.multiply'), jax: pyInfix('*'), training: product,
    gradient: binaryRule((b, ct, x, y) => [b.op('mul', [ct, y], {}, 'lhs'), b.op('mul', [ct, x], {}, 'rhs')]),
  }),
  div: binaryOp('div', {
    doc: 'Elementwise a / b with named broadcasting.', surfaceDoc: 'a / b, with named broadcasting.',
    kernel: div, stablehlo: hloBinary('stablehlo.divide'), jax: pyInfix('/'),
    training: { saves: 'operands', product: 'quotient', differentiable: 'all' },
    // d(x/y)/dx = 1/y; d(x/y)/dy = -(x/y)/y
    gradient: binaryRule((b, ct, _x, y, r) => {
      const dx = b.op('div', [ct, y], {}, 'lhs');
      return [dx, b.op('neg', [b.op('mul', [dx, r], {}, 'rhs_abs')], {}, 'rhs')];
    }),
  }),
  max: binaryOp('max', {
    doc: 'Elementwise maximum with named broadcasting.', surfaceDoc: 'Elementwise maximum, with named broadcasting.',
    kernel: maximum, stablehlo: hloBinary('stablehlo.maximum'),
    jax: (op, arg) => { const [a, b] = alignedPy(op, arg); return `jnp.maximum(${a}, ${b})`; }, training: product,
    gradient: pickRule('GE'),
  }),
  min: binaryOp('min', {
    doc: 'Elementwise minimum with named broadcasting.', surfaceDoc: 'Elementwise minimum, with named broadcasting.',
    kernel: minimum, stablehlo: hloBinary('stablehlo.minimum'),
    jax: (op, arg) => { const [a, b] = alignedPy(op, arg); return `jnp.minimum(${a}, ${b})`; }, training: product,
    gradient: pickRule('LE'),
  }),
  lt: binaryOp('lt', {
    doc: 'Elementwise a < b as an f32 mask (1 or 0), as top2_gating uses it.', surfaceDoc: 'a < b as an f32 mask.',
    resultDType: 'f32', internal: true, comparison: true,
    kernel: ltMask, stablehlo: hloCompare('LT'), jax: pyMask('<'), training: mask,
    gradient: notDifferentiable(MASK_REASON),
  }),
  gt: binaryOp('gt', {
    doc: 'Elementwise a > b as an f32 mask (1 or 0), as top2_gating uses it.', surfaceDoc: 'a > b as an f32 mask.',
    resultDType: 'f32', internal: true, comparison: true,
    kernel: gtMask, stablehlo: hloCompare('GT'), jax: pyMask('>'), training: mask,
    gradient: notDifferentiable(MASK_REASON),
  }),
} as const;
