// Owns running one collective op of a local program over the whole mesh: its registry entry's mesh
// kernel, with the buffer count and each device's result checked.
import type { Op } from '../ir/module.js';
import { meshSize, type Mesh } from '../ir/mesh.js';
import type { NDArray } from '../runtime/index.js';
import { opEntry } from '../ops/registry.js';
import { checkResult } from './eval-op.js';

/**
 * `bufs[d]` is device d's operand (device ids are 0..n-1 on a simulated mesh); returns each
 * device's result, checked against the op's local result type. With `only`, just those devices'
 * results are computed and checked (a mesh worker's own devices); the other entries are
 * placeholders that must not be read. `only` goes to the kernel as a parameter, never as state.
 */
export function runCollective(
  op: Op, mesh: Mesh, bufs: readonly NDArray[], only?: ReadonlySet<number>,
): NDArray[] {
  const n = meshSize(mesh);
  if (bufs.length !== n) throw new Error(`${op.kind}: ${bufs.length} buffers for ${n} devices`);
  const facts = opEntry(op.kind)?.collective;
  if (!facts) throw new Error(`'${op.kind}' is not a collective`);
  const out = facts.kernel(op, mesh, bufs, only);
  for (const d of only ?? out.keys()) {
    try {
      // one result per device and one result per collective (the verifier checked the arity)
      checkResult(op, 0, out[d]!, op.results[0]!.type);
    } catch (e) {
      throw new Error(`${op.kind} on device ${d}: ${(e as Error).message}`);
    }
  }
  return out;
}
