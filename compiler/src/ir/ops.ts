// The IR's view of the op registry (compiler/src/ops/): signatures and sharding rules by op kind,
// re-exported for the passes that read only those (propagation, partitioning, the verifier).

import type { OpDef } from '../ops/signature.js';
import { OP_REGISTRY, COLLECTIVE_KINDS, opEntry } from '../ops/registry.js';

export type { InferResult, FactorKind, Factor, ShardingRule, OpDef } from '../ops/signature.js';
export { attrString, attrNumber, attrStrings, attrNumbers } from '../ops/signature.js';
export { parseEinsumSpec } from './einsum-spec.js';

/** Every op's signature and rule, by kind (the registry's entries). */
export const OPS: ReadonlyMap<string, OpDef> = new Map(Object.entries(OP_REGISTRY));

/** Ops that move data between devices (what `explain` lists and the cost model times). */
export const COMMUNICATING_OPS: ReadonlySet<string> = new Set(COLLECTIVE_KINDS);

export function opDef(kind: string): OpDef | undefined {
  return opEntry(kind);
}
