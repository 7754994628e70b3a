// The vocabulary of op signatures and sharding rules: result types, factors, attribute access and
// the checks most ops share (arity, float operands, named broadcasting). Entries build on these.

import type { Attrs, AttrValue } from '../ir/module.js';
import { type DType, type TensorType, tensorType } from '../ir/types.js';

export type InferResult =
  | { readonly ok: true; readonly types: readonly TensorType[] }
  | { readonly ok: false; readonly message: string; /** which operand is at fault, when one is */ readonly operand?: number };

/** How a factor (a dim, or a piece of one across a reshape) behaves under the op. */
export type FactorKind =
  /** Passes through unchanged: splitting it needs no communication. */
  | 'pass'
  /** In operands only: a split leaves partial results, combined by `combiner` (all_reduce). */
  | 'reduction'
  /** The op works along it (cumsum, argmax, top_k): propagation never pushes axes onto it, and the partitioner gathers it whole. */
  | 'blocked'
  /**
   * The op normalizes along it (softmax, log_softmax, layer_norm): a split travels through like
   * 'pass', and the partitioner computes the statistics with local reductions and all-reduces.
   */
  | 'normalized';

export interface Factor {
  readonly name: string;
  readonly size: number;
  readonly kind: FactorKind;
  readonly combiner?: 'sum' | 'max';
}

/**
 * Per operand and per result, per dim: the factors the dim is made of, major to minor. A dim made
 * of several factors appears only across reshapes.
 */
export interface ShardingRule {
  readonly factors: readonly Factor[];
  readonly operands: readonly (readonly (readonly string[])[])[];
  readonly results: readonly (readonly (readonly string[])[])[];
}

export interface OpDef {
  readonly name: string;
  readonly doc: string;
  /** Propagation tier: 0 = communication-free pass-through ops settle first, 1 = the rest. */
  readonly tier: 0 | 1;
  readonly infer: (operands: readonly TensorType[], attrs: Attrs) => InferResult;
  readonly rule: (operands: readonly TensorType[], results: readonly TensorType[], attrs: Attrs) => ShardingRule;
}

// ---- attribute access -------------------------------------------------------------------------

export function attrString(attrs: Attrs, key: string): string {
  const v = attrs[key];
  return typeof v === 'string' ? v : '';
}

export function attrNumber(attrs: Attrs, key: string): number {
  const v = attrs[key];
  return typeof v === 'number' ? v : NaN;
}

export function attrStrings(attrs: Attrs, key: string): string[] {
  const v = attrs[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function attrNumbers(attrs: Attrs, key: string): number[] {
  const v = attrs[key];
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

export function attrStringLists(attrs: Attrs, key: string): string[][] {
  const v = attrs[key];
  if (!Array.isArray(v)) return [];
  return v.map((row: AttrValue) => (Array.isArray(row) ? row.filter((x): x is string => typeof x === 'string') : []));
}

// ---- helpers for signatures -------------------------------------------------------------------

export const ok = (...types: TensorType[]): InferResult => ({ ok: true, types });
export const fail = (message: string, operand?: number): InferResult =>
  operand === undefined ? { ok: false, message } : { ok: false, message, operand };

export const names = (t: TensorType) => t.dims.map((d) => d.name);
export const list = (xs: readonly string[]) => `[${xs.join(', ')}]`;
export const isFloat = (d: DType) => d === 'f32' || d === 'bf16';

/** True when `t`'s dims are exactly `expected`, in order. */
export function hasDimNames(t: TensorType, expected: readonly string[]): boolean {
  if (t.dims.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (t.dims[i]!.name !== expected[i]) return false;
  return true;
}

export function arity(operands: readonly TensorType[], n: number, op: string): InferResult | undefined {
  return operands.length === n ? undefined : fail(`${op} takes ${n} operand${n === 1 ? '' : 's'} but was given ${operands.length}.`);
}

export function needDim(t: TensorType, dim: string, op: string, operand = 0): InferResult | undefined {
  return t.dims.some((d) => d.name === dim) ? undefined : fail(`${op} works along dim ${dim}, but its operand has dims ${list(names(t))}.`, operand);
}

export function needFloat(t: TensorType, op: string, operand = 0): InferResult | undefined {
  return isFloat(t.dtype) ? undefined : fail(`${op} needs a floating-point operand (f32 or bf16) but operand ${operand + 1} is ${t.dtype}.`, operand);
}

/** Identity factor mapping by dim name for every operand and result. */
export function byName(operands: readonly TensorType[], results: readonly TensorType[], kinds: ReadonlyMap<string, Factor> = new Map()): ShardingRule {
  const factors = new Map<string, Factor>();
  for (const t of [...operands, ...results]) {
    for (const d of t.dims) if (!factors.has(d.name)) factors.set(d.name, kinds.get(d.name) ?? { name: d.name, size: d.size, kind: 'pass' });
  }
  const dimsOf = (t: TensorType) => t.dims.map((d) => [d.name]);
  return { factors: [...factors.values()], operands: operands.map(dimsOf), results: results.map(dimsOf) };
}

export function blockedAlong(t: TensorType, dims: readonly string[], kind: 'blocked' | 'normalized' = 'blocked'): Map<string, Factor> {
  const m = new Map<string, Factor>();
  for (const d of t.dims) if (dims.includes(d.name)) m.set(d.name, { name: d.name, size: d.size, kind });
  return m;
}

export function reducedAway(operands: readonly TensorType[], results: readonly TensorType[], combiner: 'sum' | 'max'): Map<string, Factor> {
  const kept = new Set(results.flatMap(names));
  const m = new Map<string, Factor>();
  for (const t of operands) for (const d of t.dims) if (!kept.has(d.name)) m.set(d.name, { name: d.name, size: d.size, kind: 'reduction', combiner });
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
  return fail(`${op} operands must have the same dims, or one's dims a subset of the other's, but they are ${list(names(a))} and ${list(names(b))}.`, 1);
}

export function unaryFloat(op: string) {
  return (operands: readonly TensorType[]): InferResult =>
    arity(operands, 1, op) ?? needFloat(operands[0]!, op) ?? ok(operands[0]!);
}

export function alongDim(op: string, float = true) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult =>
    arity(operands, 1, op) ?? (float ? needFloat(operands[0]!, op) : undefined) ?? needDim(operands[0]!, attrString(attrs, 'dim'), op) ?? ok(operands[0]!);
}

export function inferReduce(op: string) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult => {
    const bad = arity(operands, 1, op);
    if (bad) return bad;
    const t = operands[0]!;
    const dims = attrStrings(attrs, 'dims');
    for (const d of dims) {
      const missing = needDim(t, d, op);
      if (missing) return missing;
    }
    return ok(tensorType(t.dtype, t.dims.filter((d) => !dims.includes(d.name))));
  };
}

