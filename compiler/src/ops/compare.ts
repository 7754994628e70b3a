// Comparisons giving a bool (pred) tensor, and select(pred, a, b): both broadcast by dim name to
// the union of their operands' dims, so `le(iota(T), iota(L))` is a [T, L] causal mask.

import type { Attrs, Op, Value } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import { cmpEq, cmpGe, cmpGt, cmpLe, cmpLt, cmpNe, select, type NDArray } from '../runtime/index.js';
import type { SSA } from '../emit/mlir-builder.js';
import type { Direction, Named } from '../emit/stablehlo-emit.js';
import { resultOf, type LowerContext, type Lowering } from '../emit/stablehlo-ops.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { notDifferentiable, sumTo } from './grad-support.js';
import type { OpEntry } from './entry.js';
import { arity, attrString, byName, fail, list, names, unionType, type InferResult } from './signature.js';
import { vectorWork } from './work.js';
import { pyAligned } from './lowering-support.js';
import { at } from '../util/checked.js';

/** The comparison directions, as StableHLO spells them, with the kernel and the Python operator. */
export const DIRECTIONS: Readonly<Record<Direction, { kernel: (a: NDArray, b: NDArray) => NDArray; py: string }>> = {
  EQ: { kernel: cmpEq, py: '==' }, NE: { kernel: cmpNe, py: '!=' }, LT: { kernel: cmpLt, py: '<' },
  LE: { kernel: cmpLe, py: '<=' }, GT: { kernel: cmpGt, py: '>' }, GE: { kernel: cmpGe, py: '>=' },
};

const directionOf = (attrs: Attrs): Direction => attrString(attrs, 'direction') as Direction;

function inferCompare(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 2, 'compare');
  if (bad) return bad;
  const dir = directionOf(attrs);
  if (!(dir in DIRECTIONS)) {
    return fail(`compare needs a direction (${Object.keys(DIRECTIONS).join(', ')}) but was given "${dir}".`);
  }
  const [a, b] = operands as [TensorType, TensorType];
  const name = dir.toLowerCase();
  if (a.dtype !== b.dtype) {
    return fail(`${name} needs operands of one dtype but they are ${a.dtype} and ${b.dtype}.`, 1);
  }
  return unionType(operands, name, 'bool');
}

function inferSelect(operands: readonly TensorType[]): InferResult {
  const bad = arity(operands, 3, 'select');
  if (bad) return bad;
  const [p, a, b] = operands as [TensorType, TensorType, TensorType];
  if (p.dtype !== 'bool') {
    return fail(`select needs a bool predicate (from eq, ne, lt, le, gt, ge) but operand 1 is ${p.dtype}.`, 0);
  }
  if (a.dtype !== b.dtype) {
    return fail(`select needs its two branches of one dtype but they are ${a.dtype} and ${b.dtype}.`, 2);
  }
  // A mask adds no dims to tensor branches: one of other dims is a mistake, not a broadcast. With two
  // scalar branches (`select(mask, 1.0, 0.0)`) the mask gives the dims.
  const branchDims = new Set([...a.dims, ...b.dims].map((d) => d.name));
  const extra = p.dims.filter((d) => !branchDims.has(d.name)).map((d) => d.name);
  if (extra.length && branchDims.size > 0) {
    return fail(`select's predicate has dims ${list(names(p))} but its branches only ${list([...branchDims])}: `
      + `${list(extra)} ${extra.length === 1 ? 'is' : 'are'} not among them.`, 0);
  }
  return unionType([a, b, p], 'select', a.dtype);
}

/** Every operand in the result's layout (transposed, broadcast). */
function alignedAll(cx: LowerContext, op: Op, args: readonly Named[]): SSA[] {
  const { dims, type } = resultOf(op);
  return args.map((a) => cx.e.alignTo(a, dims, type.shape).ssa);
}

const compareHlo: Lowering = (cx, op, args) => {
  const [a, b] = alignedAll(cx, op, args) as [SSA, SSA];
  return [{ ssa: cx.e.compare(directionOf(op.attrs), a, b), dims: resultOf(op).dims }];
};

const selectHlo: Lowering = (cx, op, args) => {
  const [p, a, b] = alignedAll(cx, op, args) as [SSA, SSA, SSA];
  return [{ ssa: cx.e.select(p, a, b), dims: resultOf(op).dims }];
};

// One entry per op with each of its facts written out (one place per op): the fields repeat, not logic.
export const COMPARE_OPS = {
  compare: {
    name: 'compare', doc: 'a <direction> b (EQ, NE, LT, LE, GT, GE) as bool, broadcast to the union of dims.',
    family: 'compare', tier: 0,
    infer: inferCompare,
    rule: (o, r) => byName(o, r),
    work: vectorWork(1),
    fusion: () => 'elementwise',
    kernel: (op, args) => [DIRECTIONS[directionOf(op.attrs)].kernel(at(args, 0, op.kind), at(args, 1, op.kind))],
    collective: null,
    stablehlo: compareHlo,
    jax: (op, arg) => {
      const [a, b] = pyAligned(op, arg);
      return `${a} ${DIRECTIONS[directionOf(op.attrs)].py} ${b}`;
    },
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'none' },
    gradient: notDifferentiable('a bool result: comparisons carry no gradient'),
    partition: PLAIN_PARTITION,
    role: { ...PLAIN_ROLE, comparison: true },
    surface: { form: 'custom' },
  } satisfies OpEntry & { name: 'compare' },
  select: {
    name: 'select', doc: 'pred ? a : b elementwise, broadcast to the union of a\'s and b\'s dims (pred\'s among them).',
    family: 'compare', tier: 0,
    infer: inferSelect,
    rule: (o, r) => byName(o, r),
    work: vectorWork(1),
    fusion: () => 'elementwise',
    kernel: (op, args) => [select(at(args, 0, op.kind), at(args, 1, op.kind), at(args, 2, op.kind))],
    collective: null,
    stablehlo: selectHlo,
    jax: (op, arg) => {
      const [p, a, b] = pyAligned(op, arg);
      return `jnp.where(${p}, ${a}, ${b})`;
    },
    splitNormalization: null,
    training: { saves: 'operands', product: 'none', differentiable: 'all' },
    // each branch takes the cotangent where it was chosen; the predicate takes none
    gradient: (b, op, [ct]) => {
      const [p, x, y] = op.operands as [Value, Value, Value];
      if (!ct) return [undefined, undefined, undefined];
      const zero = b.constant(0, ct.type.dtype);
      const dx = b.wants(1) ? sumTo(b, b.op('select', [p, ct, zero], {}, 'on_true'), x.type) : undefined;
      const dy = b.wants(2) ? sumTo(b, b.op('select', [p, zero, ct], {}, 'on_false'), y.type) : undefined;
      return [undefined, dx, dy];
    },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
    surface: { form: 'custom' },
  } satisfies OpEntry & { name: 'select' },
} as const;
