// softmax, log_softmax and layer_norm along a dim that is split over the mesh: the statistics
// (max and sum, or mean and variance) come from local reductions finished by all-reduces, so the
// dim never has to be gathered. Each op's recipe is its registry entry's `splitNormalization`.

import type { Op, Value } from '../ir/module.js';
import { OP_ENTRIES, opEntry } from '../ops/registry.js';
import type { Layout } from './reshard-plan.js';
import type { LocalBuilder } from '../ops/split-stats.js';

export type { LocalBuilder } from '../ops/split-stats.js';

/** The op kinds with a split-normalization recipe. */
export const SPLIT_NORMALIZATIONS: ReadonlySet<string> =
  new Set(OP_ENTRIES.filter((e) => e.splitNormalization).map((e) => e.name));

export function expandSplitNormalization(op: Op, x: Value, layout: Layout, b: LocalBuilder): Value {
  const expand = opEntry(op.kind)?.splitNormalization;
  if (!expand) throw new Error(`${op.kind} has no split-normalization recipe (partitioner bug)`);
  return expand(op, x, layout, b);
}
