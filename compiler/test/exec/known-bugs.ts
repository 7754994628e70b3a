// Known partitioner bugs the equivalence tests quarantine (each has a todo test in partitioner-bugs.test.ts); delete an entry once it is fixed.
import type { Module } from '../../src/ir/module.js';
import { meshSize } from '../../src/sharding/mesh.js';

/**
 * collective_permute leaves out the devices whose tile does not move (the identity pairs), so
 * they receive zeros (the op's documented semantics): e.g. [(a, b)] -> [(b, a)] on a 3x3 mesh
 * omits [0,0], [4,4], [8,8]; on a 1x2 mesh the pairs are empty.
 */
export function permuteMissesTargets(local: Module): boolean {
  const n = meshSize(local.mesh);
  return local.ops.some((op) => {
    if (op.kind !== 'collective_permute') return false;
    const pairs = Array.isArray(op.attrs['pairs']) ? (op.attrs['pairs'] as number[][]) : [];
    return new Set(pairs.map((p) => p[1])).size < n;
  });
}
