// The SPMD partitioner: the propagated global IR -> one per-device program, as three passes
// (PARTITION_PASSES): insert-reshards (plan each op, make every sharding change a `reshard`),
// reshards-to-collectives (the one place collectives are chosen), localize (per-device shapes and
// the padding of uneven shards). Every collective records why it is there.

import type { Diagnostic } from '@gshard/grammar';
import type { Module, Op } from '../ir/module.js';
import { COMMUNICATING_OPS } from '../ops/registry.js';
import { insertReshards } from './insert-reshards.js';
import { reshardsToCollectives } from './reshards-to-collectives.js';
import { localize } from './localize.js';
import type { PartitionPass } from './pass-support.js';

export type { PartitionPass, PassResult } from './pass-support.js';

export interface PartitionResult {
  readonly module: Module;
  readonly diagnostics: Diagnostic[];
}

/** The partitioner's passes, in order; each takes the previous one's module. */
export const PARTITION_PASSES: readonly PartitionPass[] = [
  { name: 'insert-reshards', run: insertReshards },
  { name: 'reshards-to-collectives', run: reshardsToCollectives },
  { name: 'localize', run: localize },
];

/** Runs the partitioner's passes; `after` sees each pass's module (for dumps and verification). */
export function partitionModule(global: Module, after?: (pass: string, m: Module) => void): PartitionResult {
  let module = global;
  const diagnostics: Diagnostic[] = [];
  for (const pass of PARTITION_PASSES) {
    const r = pass.run(module);
    module = r.module;
    diagnostics.push(...r.diagnostics);
    after?.(pass.name, module);
  }
  return { module, diagnostics };
}

/** The collectives of a local program, in order. */
export function collectivesOf(m: Module): Op[] {
  return m.ops.filter((op) => COMMUNICATING_OPS.has(op.kind));
}
