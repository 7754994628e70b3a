// The passes, in order: every command, the language server, the benches and the tests run this list
// (through run-pipeline.ts). A new pass is one entry here.

import type { Pass } from './pass.js';
import { parsePass } from './parse.js';
import { lowerPass } from './lower.js';
import { propagatePass } from './propagate.js';
import { partitionPasses } from './partition.js';
import { autodiffPass } from './autodiff.js';
import { rematPass } from './remat.js';

export const PASSES: readonly Pass[] = [parsePass, lowerPass, propagatePass, ...partitionPasses];

/**
 * The list of a training compile (`--train`, `gshard train`): autodiff turns the checked forward
 * program into forward + backward + optimizer update, which the later passes shard as one program; after
 * propagation, remat recomputes the forward ops of remat layers before their backward.
 */
export const TRAINING_PASSES: readonly Pass[] = [
  parsePass, lowerPass, autodiffPass, propagatePass, rematPass, ...partitionPasses,
];

/** Names that stand for a pass of the list: `partition` is the partitioner's last pass (the SPMD program). */
export const PASS_ALIASES: Readonly<Record<string, string>> = { partition: 'localize' };

export const PASS_NAMES: readonly string[] = PASSES.map((p) => p.name);

/** The position of a pass in the list; -1 when there is no such pass. */
export function passIndex(name: string, passes: readonly Pass[] = PASSES): number {
  const own = passes.findIndex((p) => p.name === name);
  const alias = PASS_ALIASES[name];
  return own >= 0 || alias === undefined ? own : passes.findIndex((p) => p.name === alias);
}
