// Per-op work for the cost model: each op's registry entry says its FLOPs, whether they run on the
// MXU, and the HBM bytes it touches (the language server's code lenses read the same numbers).

import type { Op } from '../ir/module.js';
import { opEntry } from '../ops/registry.js';
import { vectorWork, type OpWork } from '../ops/work.js';

export type { OpWork, WorkClass } from '../ops/work.js';
export { einsumFlops, isBroadcastProduct } from '../ops/einsum.js';

/** An op the registry does not know (only a hand-written IR text has one): one VPU operation per result element. */
const unknownWork = vectorWork(1);

/** The work of one op, from its per-device operand and result types. */
export function opWork(op: Op): OpWork {
  return (opEntry(op.kind)?.work ?? unknownWork)(op);
}
