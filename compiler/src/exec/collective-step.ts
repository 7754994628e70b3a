// Owns running one collective op of a local program over the whole mesh: its registry entry's mesh
// kernel, with the buffer count and each device's result checked.
import type { Op } from '../ir/module.js';
import { meshSize, type Mesh } from '../ir/mesh.js';
import type { NDArray } from '../runtime/index.js';
import { opEntry } from '../ops/registry.js';
import { checkResult } from './eval-op.js';

/**
 * `bufs[d]` is device d's operand (device ids are 0..n-1 on a simulated mesh); returns each
 * device's result, checked against the op's local result type.
 */
export function runCollective(op: Op, mesh: Mesh, bufs: readonly NDArray[]): NDArray[] {
  const n = meshSize(mesh);
  if (bufs.length !== n) throw new Error(`${op.kind}: ${bufs.length} buffers for ${n} devices`);
  const facts = opEntry(op.kind)?.collective;
  if (!facts) throw new Error(`'${op.kind}' is not a collective`);
  const out = facts.kernel(op, mesh, bufs);
  out.forEach((r, d) => {
    try {
      checkResult(op, 0, r, op.results[0]!.type);
    } catch (e) {
      throw new Error(`${op.kind} on device ${d}: ${(e as Error).message}`);
    }
  });
  return out;
}
