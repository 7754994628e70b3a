// What an op definition is (signature inference, sharding rule, factor kinds) and how attrs are read:
// the IR's part of an op registry entry (compiler/src/ops/), which passes and the registry share.

import type { Attrs, AttrValue } from './module.js';
import type { TensorType } from './types.js';

export type InferResult =
  | { readonly ok: true; readonly types: readonly TensorType[] }
  | {
    readonly ok: false; readonly message: string;
    /** which operand is at fault, when one is */
    readonly operand?: number;
  };

/** How a factor (a dim, or a piece of one across a reshape) behaves under the op. */
export type FactorKind =
  /** Passes through unchanged: splitting it needs no communication. */
  | 'pass'
  /** In operands only: a split leaves partial results, combined by `combiner` (all_reduce). */
  | 'reduction'
  /**
   * The op works along it (cumsum, argmax, top_k): propagation never pushes axes onto it, and the partitioner gathers
   * it whole.
   */
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
