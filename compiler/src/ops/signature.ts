// The vocabulary of op signatures and sharding rules: result types, factors, attribute access and
// the checks most ops share (arity, float operands, named broadcasting). Entries build on these.

import type { Attrs } from '../ir/module.js';
import { type DType, type TensorType, tensorType } from '../ir/types.js';
import { attrString, attrStrings, type Factor, type InferResult, type ShardingRule } from '../ir/op-def.js';
import { at, must } from '../util/checked.js';

export type { InferResult, FactorKind, Factor, ShardingRule, OpDef } from '../ir/op-def.js';
export { attrString, attrNumber, attrStrings, attrNumbers, attrStringLists } from '../ir/op-def.js';

// ---- helpers for signatures -------------------------------------------------------------------

export const ok = (...types: TensorType[]): InferResult => ({ ok: true, types });
export const fail = (message: string, operand?: number): InferResult =>
  operand === undefined ? { ok: false, message } : { ok: false, message, operand };

export const names = (t: TensorType) => t.dims.map((d) => d.name);
export const list = (xs: readonly string[]) => `[${xs.join(', ')}]`;
export const isFloat = (d: DType) => d === 'f32' || d === 'bf16';

/** The size of `t`'s dim `dim`, which a passed check (needDim, or the verified op) says it has. */
export const dimSize = (t: TensorType, dim: string): number =>
  must(t.dims.find((d) => d.name === dim), `dim ${dim} of ${list(names(t))}`).size;

/** True when `t`'s dims are exactly `expected`, in order. */
export function hasDimNames(t: TensorType, expected: readonly string[]): boolean {
  if (t.dims.length !== expected.length) return false;
  return t.dims.every((d, i) => d.name === expected[i]);
}

export function arity(operands: readonly TensorType[], n: number, op: string): InferResult | undefined {
  if (operands.length === n) return undefined;
  return fail(`${op} takes ${n} operand${n === 1 ? '' : 's'} but was given ${operands.length}.`);
}

export function needDim(t: TensorType, dim: string, op: string, operand = 0): InferResult | undefined {
  if (t.dims.some((d) => d.name === dim)) return undefined;
  return fail(`${op} works along dim ${dim}, but its operand has dims ${list(names(t))}.`, operand);
}

export function needFloat(t: TensorType, op: string, operand = 0): InferResult | undefined {
  if (isFloat(t.dtype)) return undefined;
  return fail(`${op} needs a floating-point operand (f32 or bf16) but operand ${operand + 1} is ${t.dtype}.`, operand);
}

/** Identity factor mapping by dim name for every operand and result. */
export function byName(
  operands: readonly TensorType[], results: readonly TensorType[], kinds: ReadonlyMap<string, Factor> = new Map(),
): ShardingRule {
  const factors = new Map<string, Factor>();
  for (const t of [...operands, ...results]) {
    for (const d of t.dims) {
      if (!factors.has(d.name)) factors.set(d.name, kinds.get(d.name) ?? { name: d.name, size: d.size, kind: 'pass' });
    }
  }
  const dimsOf = (t: TensorType) => t.dims.map((d) => [d.name]);
  return { factors: [...factors.values()], operands: operands.map(dimsOf), results: results.map(dimsOf) };
}

export function blockedAlong(
  t: TensorType, dims: readonly string[], kind: 'blocked' | 'normalized' = 'blocked',
): Map<string, Factor> {
  const m = new Map<string, Factor>();
  for (const d of t.dims) if (dims.includes(d.name)) m.set(d.name, { name: d.name, size: d.size, kind });
  return m;
}

/**
 * The rule of an op along its attribute `dim` (or `dims`): every dim by name, those blocked (gathered
 * whole) or normalized (statistics the partitioner combines) in operand 0, or in result 0 for concat.
 */
export const ruleAlong = (
  kind: 'blocked' | 'normalized', key: 'dim' | 'dims' = 'dim', side: 'operand' | 'result' = 'operand',
) => (operands: readonly TensorType[], results: readonly TensorType[], attrs: Attrs): ShardingRule => {
  const t = at(side === 'operand' ? operands : results, 0, `the ${side} a rule along ${key} reads`);
  const dims = key === 'dim' ? [attrString(attrs, 'dim')] : attrStrings(attrs, 'dims');
  return byName(operands, results, blockedAlong(t, dims, kind));
};

export function reducedAway(
  operands: readonly TensorType[], results: readonly TensorType[], combiner: 'sum' | 'max',
): Map<string, Factor> {
  const kept = new Set(results.flatMap(names));
  const m = new Map<string, Factor>();
  for (const t of operands) {
    for (const d of t.dims) {
      if (!kept.has(d.name)) m.set(d.name, { name: d.name, size: d.size, kind: 'reduction', combiner });
    }
  }
  return m;
}

/** Named broadcasting: the result has the dims of the operand whose dims include the other's. */
export function broadcastType(operands: readonly TensorType[], op: string, resultDType?: DType): InferResult {
  const bad = arity(operands, 2, op);
  if (bad) return bad;
  const [a, b] = operands as [TensorType, TensorType];
  if (a.dtype !== b.dtype) return fail(`${op} needs operands of one dtype but they are ${a.dtype} and ${b.dtype}.`, 1);
  // The common case, equal dims, needs no sets.
  if (hasDimNames(a, names(b))) return ok(tensorType(resultDType ?? a.dtype, a.dims));
  const an = new Set(names(a));
  const bn = new Set(names(b));
  const aCoversB = [...bn].every((n) => an.has(n));
  const bCoversA = [...an].every((n) => bn.has(n));
  if (aCoversB && (!bCoversA || a.dims.length >= b.dims.length)) return ok(tensorType(resultDType ?? a.dtype, a.dims));
  if (bCoversA) return ok(tensorType(resultDType ?? b.dtype, b.dims));
  return fail(`${op} operands must have the same dims, or one's dims a subset of the other's, `
    + `but they are ${list(names(a))} and ${list(names(b))}.`, 1);
}

export function unaryFloat(op: string) {
  return (operands: readonly TensorType[]): InferResult =>
    arity(operands, 1, op) ?? needFloat(at(operands, 0, op), op) ?? ok(at(operands, 0, op));
}

export function alongDim(op: string, float = true) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult => {
    const bad = arity(operands, 1, op);
    if (bad) return bad;
    const t = at(operands, 0, op);
    return (float ? needFloat(t, op) : undefined) ?? needDim(t, attrString(attrs, 'dim'), op) ?? ok(t);
  };
}

export function inferReduce(op: string) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult => {
    const bad = arity(operands, 1, op);
    if (bad) return bad;
    const t = at(operands, 0, op);
    const dims = attrStrings(attrs, 'dims');
    for (const d of dims) {
      const missing = needDim(t, d, op);
      if (missing) return missing;
    }
    return ok(tensorType(t.dtype, t.dims.filter((d) => !dims.includes(d.name))));
  };
}


/**
 * Named broadcasting to a union: an operand's dims when they cover every other operand's (the
 * first such, as broadcastType), else all dims in order of appearance; a dim's size must agree.
 */
export function unionType(operands: readonly TensorType[], op: string, dtype: DType): InferResult {
  for (const t of operands) {
    if (t.dims.length > 0 && operands.every((u) => u.dims.every((d) => t.dims.some((e) => e.name === d.name)))) {
      const clash = sizeClash(operands);
      return clash ?? ok(tensorType(dtype, t.dims));
    }
  }
  const clash = sizeClash(operands);
  if (clash) return clash;
  const dims: { name: string; size: number }[] = [];
  for (const t of operands) for (const d of t.dims) if (!dims.some((e) => e.name === d.name)) dims.push(d);
  return ok(tensorType(dtype, dims));

  function sizeClash(ts: readonly TensorType[]): InferResult | undefined {
    const seen = new Map<string, number>();
    for (const [i, t] of ts.entries()) {
      for (const d of t.dims) {
        const s = seen.get(d.name);
        if (s !== undefined && s !== d.size) {
          return fail(`${op}: dim ${d.name} is ${s} in one operand but ${d.size} in operand ${i + 1}.`, i);
        }
        seen.set(d.name, d.size);
      }
    }
    return undefined;
  }
}
