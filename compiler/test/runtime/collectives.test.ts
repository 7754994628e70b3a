// Every collective against its definition, on uneven shapes (group of 3; dims 6 and 7 padded to 9), plus runOnGroups over a 2x3 mesh.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allGather, allReduce, allToAll, collectivePermute, reduceScatter, runOnGroups } from '../../src/runtime/collectives.js';
import { arraysEqual, concatAlong, padAlong, sliceAlong, type NDArray } from '../../src/runtime/ndarray.js';
import { pad } from '../../src/runtime/kernels/spmd.js';
import { randomArray, rng } from './naive.js';

function group(seed: number, dims: string[], shape: number[], k = 3): NDArray[] {
  const r = rng(seed);
  return Array.from({ length: k }, () => randomArray(r, dims, shape));
}

describe('collectives', () => {
  it('allReduce sum / max is the elementwise sum / max of all members, on every member', () => {
    const bufs = group(1, ['a', 'b'], [7, 2]);
    for (const op of ['sum', 'max'] as const) {
      const out = allReduce(bufs, op);
      assert.equal(out.length, 3);
      for (let i = 0; i < bufs[0]!.data.length; i++) {
        const vals = bufs.map((b) => b.data[i]!);
        const want = Math.fround(op === 'sum' ? vals[0]! + vals[1]! + vals[2]! : Math.max(...vals));
        for (const o of out) assert.ok(Math.abs(o.data[i]! - want) <= 1e-7);
      }
      assert.notEqual(out[0]!.data, out[1]!.data, 'members own separate buffers');
    }
  });

  it('allGather concatenates in group order; slicing member i\'s part gives its input back (padded shards stay padded)', () => {
    // a dim of 7 over 3 devices: shards of 3, the last padded (1 real row + 2 padding)
    const r = rng(2);
    const whole = randomArray(r, ['s', 'm'], [7, 2]);
    const shards = [0, 3, 6].map((off) => sliceAlong(whole, 's', off, 3));
    const out = allGather(shards, 's');
    for (const o of out) {
      assert.deepEqual(o.shape, [9, 2]);
      assert.ok(arraysEqual(sliceAlong(o, 's', 0, 7), whole));
      assert.ok(arraysEqual(o, padAlong(whole, 's', 9)));
    }
    shards.forEach((sh, i) => assert.ok(arraysEqual(sliceAlong(out[i]!, 's', 3 * i, 3), sh)));
  });

  it('reduceScatter equals the matching slice of allReduce, and refuses a dim that does not divide', () => {
    const bufs = group(3, ['m', 'x'], [6, 5]).map((b) => b);
    const rs = reduceScatter(bufs, 'm', 'sum');
    const ar = allReduce(bufs, 'sum')[0]!;
    rs.forEach((o, i) => assert.ok(arraysEqual(o, sliceAlong(ar, 'm', 2 * i, 2))));
    const odd = group(4, ['m'], [7]);
    assert.throws(() => reduceScatter(odd, 'm'), /size 7 does not divide by the group size 3; pad it to 9/);
    const padded = odd.map((b) => pad(b, 'm', 9));
    const rsp = reduceScatter(padded, 'm');
    assert.deepEqual(rsp.map((o) => o.shape[0]), [3, 3, 3]);
    assert.deepEqual([...rsp[2]!.data.subarray(1)], [0, 0]);
  });

  it('allToAll moves chunk j of member i to member j (source order), and back again is the identity', () => {
    const bufs = group(5, ['e', 'g', 'm'], [6, 2, 3]);
    const out = allToAll(bufs, 'e', 'g');
    out.forEach((o, j) => {
      assert.deepEqual(o.shape, [2, 6, 3]);
      bufs.forEach((b, i) => assert.ok(arraysEqual(sliceAlong(o, 'g', 2 * i, 2), sliceAlong(b, 'e', 2 * j, 2))));
    });
    const back = allToAll(out, 'g', 'e');
    back.forEach((b, i) => assert.ok(arraysEqual(b, bufs[i]!)));
    assert.throws(() => allToAll(group(6, ['e'], [7]), 'e', 'e'), /does not divide/);
  });

  it('allToAll equals slicing chunk j of every member and concatenating, for every pair of dims and dtypes', () => {
    const r = rng(11);
    const dims = ['a', 'b', 'c', 'd'];
    let cases = 0;
    for (let t = 0; t < 60; t++) {
      const k = 1 + Math.floor(r() * 4);
      const rank = 1 + Math.floor(r() * 4);
      const ds = dims.slice(0, rank);
      const split = Math.floor(r() * rank), concat = Math.floor(r() * rank);
      const shape = ds.map((_, i) => (i === split ? k * (1 + Math.floor(r() * 3)) : 1 + Math.floor(r() * 4)));
      const dtype = (['f32', 'i32', 'bf16'] as const)[t % 3];
      const bufs = Array.from({ length: k }, () => randomArray(r, ds, shape, dtype));
      const chunk = shape[split]! / k;
      const out = allToAll(bufs, ds[split]!, ds[concat]!);
      out.forEach((o, j) => {
        const want = concatAlong(bufs.map((b) => sliceAlong(b, ds[split]!, j * chunk, chunk)), ds[concat]!);
        assert.ok(arraysEqual(o, want), `case ${t}: member ${j}, split ${ds[split]} concat ${ds[concat]} of [${shape}]`);
      });
      cases++;
    }
    assert.equal(cases, 60);
  });

  it('collectivePermute moves buffers along pairs; devices that receive nothing get zeros', () => {
    const bufs = group(7, ['x'], [4], 4);
    const out = collectivePermute(bufs, [[0, 1], [1, 2], [2, 0]], bufs[0]!);
    assert.ok(arraysEqual(out[1]!, bufs[0]!));
    assert.ok(arraysEqual(out[2]!, bufs[1]!));
    assert.ok(arraysEqual(out[0]!, bufs[2]!));
    assert.deepEqual([...out[3]!.data], [0, 0, 0, 0]);
    const byId = new Map([[10, bufs[0]!], [20, bufs[1]!]]);
    const m = collectivePermute(byId, [[10, 20]], () => bufs[0]!);
    assert.ok(m instanceof Map);
    assert.ok(arraysEqual(m.get(20)!, bufs[0]!));
    assert.deepEqual([...m.get(10)!.data], [0, 0, 0, 0]);
    assert.throws(() => collectivePermute(bufs, [[0, 1], [2, 1]], bufs[0]!), /receives twice/);
  });

  it('runOnGroups applies a collective to each replica group of a 2x3 mesh', () => {
    // devices 0..5 on mesh x=2, y=3 (row-major); groups along y: [0,1,2], [3,4,5]
    const per = group(8, ['a'], [3], 6);
    const out = runOnGroups([[0, 1, 2], [3, 4, 5]], per, (bufs) => allReduce(bufs, 'sum'), undefined);
    for (const d of [0, 1, 2]) assert.ok(arraysEqual(out[d]!, allReduce([per[0]!, per[1]!, per[2]!], 'sum')[0]!));
    for (const d of [3, 4, 5]) assert.ok(arraysEqual(out[d]!, allReduce([per[3]!, per[4]!, per[5]!], 'sum')[0]!));
    // groups along x, listed out of order: group order decides concatenation order
    const g = runOnGroups([[3, 0], [1, 4], [2, 5]], per, (bufs) => allGather(bufs, 'a'), undefined);
    assert.ok(arraysEqual(sliceAlong(g[0]!, 'a', 0, 3), per[3]!));
    assert.throws(() => runOnGroups([[0, 1, 2]], per, (b) => b, undefined), /device 3 is in no group/);
    assert.throws(() => runOnGroups([[0, 1, 2], [2, 3, 4, 5]], per, (b) => b, undefined), /device 2 is in two groups/);
  });
});
