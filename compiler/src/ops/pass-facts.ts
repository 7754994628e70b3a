// The per-op facts the partitioner's passes, the runner and the memory model read, with their defaults.

import type { Attrs, Op, Value } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import type { Layout } from './split-stats.js';

/** What localize (partition/localize.ts) offers a per-op rewrite. */
export interface LocalizeBuilder {
  groupSize(axes: readonly string[]): number;
  tileType(t: TensorType, layout: Layout): TensorType;
  tile(g: Value, name: string, type: TensorType, layout: Layout, unreduced: readonly string[]): Value;
  push(at: Op, kind: string, operands: Value[], results: Value[], attrs: Attrs, reason?: string): Value;
  padTo(at: Op, g: Value, v: Value, dim: string, size: number, reason: string): Value;
  trim(at: Op, g: Value, v: Value, layout: Layout, dim: string): Value;
}

/** One global op to localize: its local operands, its (first) global result and that result's layout. */
export interface LocalOp {
  readonly op: Op;
  readonly operands: Value[];
  readonly result: Value;
  readonly layout: Layout;
}

export interface PartitionFacts {
  /**
   * Emits the local op(s) itself: collectives whose per-device sizes do not follow from the result's
   * tile alone (a concatenation carries padding until trimmed) or that need padding first. Null: the
   * op's local form is the op on the tiles, with `localAttrs`.
   */
  readonly localize: ((b: LocalizeBuilder, o: LocalOp) => void) | null;
  /** Attributes that depend on local sizes or on which tile a device holds; null keeps the attrs. */
  readonly localAttrs: ((op: Op, results: readonly Value[]) => Attrs) | null;
  /**
   * A result left partial over split reduced dims: `sum` completes by summing (or maxing) as is;
   * `mean` is computed as a local sum times 1/N of the whole dims, then summed.
   */
  readonly partialAs: 'sum' | 'mean';
  /**
   * The result is a signed sum of the operands (add, sub): where every operand is a partial sum over the
   * same axes in the same layout, the op can run on the partial sums and one reduction completes its result.
   */
  readonly sumsPartials: boolean;
  /** What padding of an unevenly split reduced dim is set to before the op reduces over it. */
  readonly paddingFill: 0 | '-inf';
  /** The global-view reshard op that pass 2 (reshards-to-collectives) lowers into collectives. */
  readonly isReshard: boolean;
}

export interface RoleFacts {
  /** A contraction (matmul): its reduced factors print as `contracting`, and the runner counts its FLOPs. */
  readonly contraction: boolean;
  /** A comparison: an f32 input only compared is drawn from [0, 1) by the runner. */
  readonly comparison: boolean;
  /**
   * The range of valid ids when `operand` is an i32 operand of the op used as indices (gather's ids,
   * one_hot's); undefined when that operand is not an index.
   */
  readonly idRange: ((op: Op, operand: number) => number | undefined) | null;
  /**
   * A result the backward pass rebuilds from operand `rebuiltFrom` inside its fusion (a one-hot of
   * ids is an iota compare), so a training step keeps that operand instead; null otherwise.
   */
  readonly rebuiltFrom: number | null;
}

/** The default: the op runs on its tiles with its own attrs, completes partial sums as is, pads with 0. */
export const PLAIN_PARTITION: PartitionFacts = {
  localize: null, localAttrs: null, partialAs: 'sum', sumsPartials: false, paddingFill: 0, isReshard: false,
};

/** The default: no contraction, no comparison, no index operands, nothing rebuilt. */
export const PLAIN_ROLE: RoleFacts = { contraction: false, comparison: false, idRange: null, rebuiltFrom: null };
