// Owns running one collective op of a local program over the whole mesh: replica groups from its axes, the runtime collective on each group.
import type { Op } from '../ir/module.js';
import { attrString, attrStrings } from '../ir/ops.js';
import { meshSize, replicaGroups, type Mesh } from '../ir/mesh.js';
import { allGather, allReduce, allToAll, collectivePermute, runOnGroups, type NDArray } from '../runtime/index.js';
import { reduceScatter } from '../runtime/collectives.js';
import { checkResult } from './eval-op.js';

/**
 * `bufs[d]` is device d's operand (device ids are 0..n-1 on a simulated mesh); returns each
 * device's result, checked against the op's local result type.
 */
export function runCollective(op: Op, mesh: Mesh, bufs: readonly NDArray[]): NDArray[] {
  const n = meshSize(mesh);
  if (bufs.length !== n) throw new Error(`${op.kind}: ${bufs.length} buffers for ${n} devices`);
  const a = op.attrs;
  const groups = () => replicaGroups(mesh, attrStrings(a, 'axes'));
  let out: NDArray[];
  switch (op.kind) {
    case 'all_reduce': {
      const combiner = attrString(a, 'combiner') === 'max' ? 'max' : 'sum';
      out = runOnGroups(groups(), bufs, (g) => allReduce(g, combiner));
      break;
    }
    case 'all_gather':
      out = runOnGroups(groups(), bufs, (g) => allGather(g, attrString(a, 'dim')));
      break;
    case 'reduce_scatter':
      out = runOnGroups(groups(), bufs, (g) => reduceScatter(g, attrString(a, 'dim'), 'sum'));
      break;
    case 'all_to_all':
      out = runOnGroups(groups(), bufs, (g) => allToAll(g, attrString(a, 'split_dim'), attrString(a, 'concat_dim')));
      break;
    case 'collective_permute': {
      const raw = a['pairs'];
      const pairs = (Array.isArray(raw) ? raw : []).map((p) => [Number((p as number[])[0]), Number((p as number[])[1])] as const);
      out = collectivePermute(bufs, pairs, (d) => bufs[d]!);
      break;
    }
    default:
      throw new Error(`'${op.kind}' is not a collective`);
  }
  out.forEach((r, d) => {
    try {
      checkResult(op, 0, r, op.results[0]!.type);
    } catch (e) {
      throw new Error(`${op.kind} on device ${d}: ${(e as Error).message}`);
    }
  });
  return out;
}
