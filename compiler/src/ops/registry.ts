// The op registry: every op kind of the IR, one entry each (compiler/src/ops/<family>.ts). Passes
// look ops up here; none switch on op names. Adding an op = one entry in its family + its tests.

import type { CollectiveFacts, OpEntry } from './entry.js';
import { COLLECTIVE_OPS } from './collectives.js';
import { COMPARE_OPS } from './compare.js';
import { RANDOM_OPS } from './random.js';
import { SLICING_OPS } from './slicing.js';
import { CONSTANT_OPS } from './constant.js';
import { EINSUM_OPS } from './einsum.js';
import { ELEMENTWISE_OPS } from './elementwise.js';
import { INDEXING_OPS } from './indexing.js';
import { NORMALIZATION_OPS } from './normalizations.js';
import { REDUCTION_OPS } from './reductions.js';
import { SHAPE_OPS } from './shape.js';
import { SPMD_LOCAL_OPS } from './spmd-local.js';
import { UNARY_OPS } from './unary.js';

/** The collectives (ops that move data between devices): the one place their kinds are listed. */
export type CollectiveKind = keyof typeof COLLECTIVE_OPS;

/** Every op kind of the IR. */
export type OpKind =
  | keyof typeof EINSUM_OPS | keyof typeof ELEMENTWISE_OPS | keyof typeof UNARY_OPS | keyof typeof NORMALIZATION_OPS
  | keyof typeof REDUCTION_OPS | keyof typeof SHAPE_OPS | keyof typeof INDEXING_OPS | keyof typeof CONSTANT_OPS
  | keyof typeof COMPARE_OPS | keyof typeof RANDOM_OPS | keyof typeof SLICING_OPS | CollectiveKind
  | keyof typeof SPMD_LOCAL_OPS;

/** The registry, keyed by kind: a kind without an entry, or an entry lacking a field, is a type error. */
export const OP_REGISTRY: Readonly<Record<OpKind, OpEntry>> = {
  ...EINSUM_OPS, ...ELEMENTWISE_OPS, ...COMPARE_OPS, ...UNARY_OPS, ...RANDOM_OPS, ...SLICING_OPS,
  ...NORMALIZATION_OPS, ...REDUCTION_OPS, ...SHAPE_OPS, ...INDEXING_OPS, ...CONSTANT_OPS, ...SPMD_LOCAL_OPS,
  ...COLLECTIVE_OPS,
};

/** Ops that move data between devices (what `explain` lists and the cost model times). */
export const COMMUNICATING_OPS: ReadonlySet<string> = new Set(Object.keys(COLLECTIVE_OPS));

/** Every entry, in registry order. */
export const OP_ENTRIES: readonly OpEntry[] = Object.values(OP_REGISTRY);

export const OP_KINDS: readonly OpKind[] = Object.keys(OP_REGISTRY) as OpKind[];

/** The collective kinds, in the order the cost report lists them. */
export const COLLECTIVE_KINDS: readonly CollectiveKind[] = Object.keys(COLLECTIVE_OPS) as CollectiveKind[];

export function isOpKind(kind: string): kind is OpKind {
  return Object.prototype.hasOwnProperty.call(OP_REGISTRY, kind);
}

export function isCollectiveKind(kind: string): kind is CollectiveKind {
  return Object.prototype.hasOwnProperty.call(COLLECTIVE_OPS, kind);
}

/** The entry of an op kind; undefined for a kind the registry does not know (a malformed IR text). */
export function opEntry(kind: string): OpEntry | undefined {
  return isOpKind(kind) ? OP_REGISTRY[kind] : undefined;
}

/** True for a collective whose participants are explicit `pairs` (a permute), not groups over axes. */
export function isPairwise(kind: string): boolean {
  return isCollectiveKind(kind) && collectiveFacts(kind).participants === 'pairs';
}

/** A collective's time model and mesh kernel. */
export function collectiveFacts(kind: CollectiveKind): CollectiveFacts {
  return COLLECTIVE_OPS[kind].collective;
}
