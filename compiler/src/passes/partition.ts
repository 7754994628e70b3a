// The partitioner's passes (partition/partition.ts, PARTITION_PASSES) as pipeline passes: insert-reshards,
// reshards-to-collectives, localize; the last one leaves the per-device SPMD program. `partition` names
// the group's end (list.ts), so `--dump-after partition` prints the SPMD program.

import { PARTITION_PASSES } from '../partition/partition.js';
import { modulePass, type Pass } from './pass.js';

const DOCS: Readonly<Record<string, string>> = {
  'insert-reshards': 'a `reshard` wherever a use wants another sharding than its producer gives',
  'reshards-to-collectives': 'each reshard lowered to collectives (all-reduce, all-to-all, ...), each with its reason',
  localize: 'per-device shapes: the SPMD program',
};

export const partitionPasses: readonly Pass[] = PARTITION_PASSES.map((p, i) =>
  modulePass(p.name, DOCS[p.name] ?? p.name, i === PARTITION_PASSES.length - 1 ? 'spmd' : undefined, p.run));
