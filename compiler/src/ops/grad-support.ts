// The pieces gradient rules share: the transpose of named broadcasting (sum over the dims an
// operand lacks, back in its dim order), the transpose of a reduction (broadcast), and zero masks.

import type { Op, Value } from '../ir/module.js';
import { at } from '../util/checked.js';
import type { TensorType } from '../ir/types.js';
import type { GradBuilder, GradientRule, NotDifferentiable } from './entry.js';

export const dimNamesOf = (t: TensorType): string[] => t.dims.map((d) => d.name);

const sameOrder = (a: TensorType, b: TensorType): boolean =>
  a.dims.length === b.dims.length && a.dims.every((d, i) => d.name === b.dims[i]?.name);

/** `ct` summed over the dims `target` lacks, in target's dim order: the transpose of broadcasting to `ct`. */
export function sumTo(b: GradBuilder, ct: Value, target: TensorType): Value {
  const keep = new Set(dimNamesOf(target));
  const extra = dimNamesOf(ct.type).filter((d) => !keep.has(d));
  const summed = extra.length > 0 ? b.op('reduce_sum', [ct], { dims: extra }, 'sum') : ct;
  return sameOrder(summed.type, target) ? summed : b.op('transpose', [summed], { order: dimNamesOf(target) }, 'order');
}

/** `ct` repeated along the dims it lacks, as `target`'s type: the transpose of summing them away. */
export function expandTo(b: GradBuilder, ct: Value, target: TensorType): Value {
  if (sameOrder(ct.type, target)) return ct;
  const have = new Set(dimNamesOf(ct.type));
  const order = dimNamesOf(target);
  if (target.dims.every((d) => have.has(d.name))) return b.op('transpose', [ct], { order }, 'order');
  return b.op('broadcast', [ct], { dims: dimNamesOf(target), sizes: target.dims.map((d) => d.size) }, 'bcast');
}

/** A zero tensor of `target`'s type (slices' gradients pad with it). */
export function zerosOf(b: GradBuilder, target: TensorType): Value {
  return b.op('broadcast', [b.constant(0, target.dtype)], {
    dims: dimNamesOf(target), sizes: target.dims.map((d) => d.size),
  }, 'zeros');
}

/** `ct` where `pred` holds, else 0, in `like`'s type (relu, max, select). */
export function where(b: GradBuilder, pred: Value, ct: Value, hint: string): Value {
  return b.op('select', [pred, ct, b.constant(0, ct.type.dtype)], {}, hint);
}

/** The same gradient rule for every entry of a family helper whose ops all pass cotangents through. */
export const notDifferentiable = (reason: string): NotDifferentiable => ({ notDifferentiable: reason });

/** A unary rule: d(op)/dx as a function of x, the result and the cotangent. */
export const unaryRule = (f: (b: GradBuilder, ct: Value, x: Value, y: Value) => Value): GradientRule =>
  (b, op, cts) => {
    const ct = cts[0];
    const x = op.operands[0];
    const y = op.results[0];
    return ct && x && y ? [f(b, ct, x, y)] : [undefined];
  };

/** Operand i of the op a rule differentiates (its signature guarantees it). */
export const operandAt = (op: Op, i: number): Value => at(op.operands, i, `${op.kind} operand ${i}`);

/** Result i of the op a rule differentiates. */
export const resultAt = (op: Op, i: number): Value => at(op.results, i, `${op.kind} result ${i}`);
