// Shape ops: transpose (reorder dims by name), reshape (merge or split dims), rename (a dim's name),
// broadcast (repeat along new dims: the transpose of a reduction, which gradients need).

import type { Attrs, Op, Value } from '../ir/module.js';
import { type TensorType, tensorType } from '../ir/types.js';
import { broadcastTo, rename, reshape, transpose } from '../runtime/index.js';
import { resultOf, type Lowering } from '../emit/stablehlo-ops.js';
import { alignPy, axisOf, dimsOf, tuple } from '../emit/jax-expr.js';
import type { GradBuilder, OpEntry, TrainingFacts } from './entry.js';
import {
  arity, attrNumber, attrNumbers, attrString, attrStrings, byName, dimSize, fail, list, names, needDim, ok,
  type Factor, type InferResult, type ShardingRule,
} from './signature.js';
import { copyWork, freeWork, vectorWork } from './work.js';
import { dimNamesOf, sumTo, operandAt, resultAt } from './grad-support.js';
import { at } from '../util/checked.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { renameLocalAttrs, reshapeLocalAttrs } from './localize-facts.js';

function inferTranspose(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'transpose');
  if (bad) return bad;
  const t = at(operands, 0, 'transpose');
  const order = attrStrings(attrs, 'order');
  const have = names(t);
  if (order.length !== have.length || !have.every((n) => order.includes(n))) {
    return fail(`transpose order must be a permutation of ${list(have)} but is ${list(order)}.`);
  }
  return ok(tensorType(t.dtype, order.map((n) => ({ name: n, size: dimSize(t, n) }))));
}

function inferReshape(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'reshape');
  if (bad) return bad;
  const t = at(operands, 0, 'reshape');
  const dimNames = attrStrings(attrs, 'dims');
  const sizes = attrNumbers(attrs, 'sizes');
  const dims = dimNames.map((name, i) => ({ name, size: sizes[i] ?? NaN }));
  const from = t.dims.reduce((n, d) => n * d.size, 1);
  const to = dims.reduce((n, d) => n * d.size, 1);
  if (from !== to) {
    return fail(`reshape must keep the element count: ${list(names(t))} has ${from} elements `
      + `but ${list(dimNames)} has ${to}.`);
  }
  if (new Set(dimNames).size !== dimNames.length) return fail(`reshape target names a dim twice: ${list(dimNames)}.`);
  return ok(tensorType(t.dtype, dims));
}

function inferBroadcast(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'broadcast');
  if (bad) return bad;
  const t = at(operands, 0, 'the operand arity checked');
  const dimNames = attrStrings(attrs, 'dims');
  const sizes = attrNumbers(attrs, 'sizes');
  if (sizes.length !== dimNames.length) {
    return fail(`broadcast names ${dimNames.length} dims but gives ${sizes.length} sizes.`);
  }
  if (new Set(dimNames).size !== dimNames.length) return fail(`broadcast target names a dim twice: ${list(dimNames)}.`);
  for (const d of t.dims) {
    const at = dimNames.indexOf(d.name);
    if (at < 0) return fail(`broadcast target ${list(dimNames)} lacks the operand's dim ${d.name}.`);
    if (sizes[at] !== d.size) {
      return fail(`broadcast keeps ${d.name} at size ${d.size} but the target says ${sizes[at]}.`);
    }
  }
  return ok(tensorType(t.dtype, dimNames.map((name, i) => ({ name, size: sizes[i] ?? NaN }))));
}

function inferRename(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'rename');
  if (bad) return bad;
  const t = at(operands, 0, 'rename');
  const from = attrString(attrs, 'from');
  const to = attrString(attrs, 'to');
  const size = attrNumber(attrs, 'size');
  const missing = needDim(t, from, 'rename');
  if (missing) return missing;
  const oldSize = dimSize(t, from);
  if (oldSize !== size) return fail(`rename needs dims of equal size but ${from} is ${oldSize} and ${to} is ${size}.`);
  if (from !== to && t.dims.some((d) => d.name === to)) {
    return fail(`rename target ${to} is already a dim of ${list(names(t))}.`);
  }
  return ok(tensorType(t.dtype, t.dims.map((d) => (d.name === from ? { name: to, size } : d))));
}

/**
 * Reshape factors: the coarsest common refinement of the two shapes, e.g. [B=4, L=6] -> [G=8, S=3]
 * gives factors f0=4, f1=2, f2=3 with B=(f0), L=(f1,f2), G=(f0,f1), S=(f2).
 */
export function reshapeRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  const from = at(operands, 0, 'reshape operands').dims.map((d) => d.size);
  const to = at(results, 0, 'reshape results').dims.map((d) => d.size);
  const factors: Factor[] = [];
  const fromDims: string[][] = from.map(() => []);
  const toDims: string[][] = to.map(() => []);
  let i = 0;
  let j = 0;
  let remI = from[0] ?? 1;
  let remJ = to[0] ?? 1;
  while (i < from.length && j < to.length) {
    if (remI === 1) { i++; remI = from[i] ?? 1; continue; }
    if (remJ === 1) { j++; remJ = to[j] ?? 1; continue; }
    const g = gcd(remI, remJ);
    if (g === 1) {
      // The dim boundaries do not nest (e.g. [16, 6] -> [6, 16]): the rest of both shapes is one
      // blocked factor, so those dims are gathered whole around the reshape.
      const name = `f${factors.length}`;
      factors.push({ name, size: remI * from.slice(i + 1).reduce((a, b) => a * b, 1), kind: 'blocked' });
      for (const ds of fromDims.slice(i)) ds.push(name);
      for (const ds of toDims.slice(j)) ds.push(name);
      break;
    }
    const name = `f${factors.length}`;
    factors.push({ name, size: g, kind: 'pass' });
    at(fromDims, i, 'reshape operand dims').push(name);
    at(toDims, j, 'reshape result dims').push(name);
    remI /= g;
    remJ /= g;
  }
  return { factors, operands: [fromDims], results: [toDims] };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function renameRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  const t = at(operands, 0, 'rename operands');
  const factors: Factor[] = t.dims.map((d) => ({ name: d.name, size: d.size, kind: 'pass' }));
  const dimsOf = t.dims.map((d) => [d.name]);
  // The result's renamed dim keeps the operand's factor: `rename(x, S, T)` maps T onto factor S.
  return { factors, operands: [dimsOf], results: results.map(() => dimsOf) };
}

const transposeHlo: Lowering = (cx, op, args) => {
  return [cx.e.transpose(at(args, 0, op.kind), attrStrings(op.attrs, 'order'))];
};

/** Row-major reshape: the IR's dims are in storage order, as StableHLO's are. */
const reshapeHlo: Lowering = (cx, op, args) => {
  const { dims, type } = resultOf(op);
  return [{ ssa: cx.e.b.one({ op: 'stablehlo.reshape', operands: [at(args, 0, op.kind).ssa], result: type }), dims }];
};

/** A rename changes a dim's name only: positionally nothing happens. */
const renameHlo: Lowering = (_cx, op, args) => {
  return [{ ssa: at(args, 0, op.kind).ssa, dims: resultOf(op).dims }];
};

const relabel: TrainingFacts = { saves: 'none', product: 'none', differentiable: 'all' };

function numbers(a: Attrs, key: string): number[] {
  const v = a[key];
  return Array.isArray(v) ? v.map(Number) : [];
}

/** The inverse of a reshape: back to the operand's dims and sizes. */
const reshapeBack = (op: Op, ct: Value, b: GradBuilder): Value => {
  const t = operandAt(op, 0).type;
  return b.op('reshape', [ct], { dims: dimNamesOf(t), sizes: t.dims.map((d) => d.size) }, 'unreshape');
};

// One entry per op with each of its facts written out (one place per op): the fields repeat, not logic.
export const SHAPE_OPS = {
  transpose: {
    name: 'transpose', doc: 'Reorders dims to `order` (by name).', family: 'shape', tier: 0,
    infer: inferTranspose,
    rule: (o, r) => byName(o, r),
    work: vectorWork(1),
    fusion: () => 'none',
    kernel: (op, args) => [transpose(at(args, 0, op.kind), attrStrings(op.attrs, 'order'))],
    collective: null,
    stablehlo: transposeHlo,
    jax: (op, arg) => {
      const order = tuple(attrStrings(op.attrs, 'order').map((d) => axisOf(operandAt(op, 0), d)));
      return `jnp.transpose(${arg(0)}, ${order})`;
    },
    splitNormalization: null,
    training: relabel,
    gradient: (b, op, [ct]) =>
      [ct && b.op('transpose', [ct], { order: dimNamesOf(operandAt(op, 0).type) }, 'untranspose')],
    surface: { form: 'custom' },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'transpose' },
  reshape: {
    name: 'reshape', doc: 'Merges or splits dims; the element count is kept.', family: 'shape', tier: 0,
    infer: inferReshape,
    rule: reshapeRule,
    work: freeWork,
    fusion: () => 'none',
    kernel: (op, args) => [reshape(at(args, 0, op.kind), attrStrings(op.attrs, 'dims'), numbers(op.attrs, 'sizes'))],
    collective: null,
    stablehlo: reshapeHlo,
    jax: (op, arg) => `jnp.reshape(${arg(0)}, ${tuple(resultAt(op, 0).type.dims.map((d) => d.size))})`,
    splitNormalization: null,
    training: relabel,
    gradient: (b, op, [ct]) => [ct && reshapeBack(op, ct, b)],
    surface: { form: 'custom' },
    partition: { ...PLAIN_PARTITION, localAttrs: reshapeLocalAttrs },
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'reshape' },
  rename: {
    name: 'rename', doc: 'Renames dim `from` to `to` (same size).', family: 'shape', tier: 0,
    infer: inferRename,
    rule: renameRule,
    work: freeWork,
    fusion: () => 'none',
    kernel: (op, args) => [rename(at(args, 0, op.kind), attrString(op.attrs, 'from'), attrString(op.attrs, 'to'))],
    collective: null,
    stablehlo: renameHlo,
    jax: (op, arg) => `${arg(0)}  # dim ${attrString(op.attrs, 'from')} is now called ${attrString(op.attrs, 'to')}`,
    splitNormalization: null,
    training: relabel,
    gradient: (b, op, [ct]) => {
      if (!ct) return [undefined];
      const size = attrNumber(op.attrs, 'size');
      const back = { from: attrString(op.attrs, 'to'), to: attrString(op.attrs, 'from'), size };
      return [b.op('rename', [ct], back, 'unrename')];
    },
    surface: { form: 'custom' },
    partition: { ...PLAIN_PARTITION, localAttrs: renameLocalAttrs },
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'rename' },
  broadcast: {
    name: 'broadcast', doc: 'Repeats the operand along the dims of `dims` it lacks (sizes `sizes`), in that dim order.',
    family: 'shape', tier: 0,
    infer: inferBroadcast,
    rule: (o, r) => byName(o, r),
    work: copyWork(),
    fusion: () => 'elementwise',
    kernel: (op, args) =>
      [broadcastTo(at(args, 0, 'broadcast operand'), attrStrings(op.attrs, 'dims'), numbers(op.attrs, 'sizes'))],
    collective: null,
    stablehlo: (cx, op, args) => {
      const sizes = numbers(op.attrs, 'sizes');
      return [cx.e.alignTo(at(args, 0, 'broadcast operand'), attrStrings(op.attrs, 'dims'), sizes)];
    },
    jax: (op, arg) => {
      const to = attrStrings(op.attrs, 'dims');
      return `jnp.broadcast_to(${alignPy(arg(0), dimsOf(operandAt(op, 0)), to)}, ${tuple(numbers(op.attrs, 'sizes'))})`;
    },
    splitNormalization: null,
    training: relabel,
    // the transpose of repeating is summing the repeats
    gradient: (b, op, [ct]) => [ct && sumTo(b, ct, operandAt(op, 0).type)],
    surface: { form: 'none' },
    partition: { ...PLAIN_PARTITION, localAttrs: reshapeLocalAttrs },
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'broadcast' },
} as const;
