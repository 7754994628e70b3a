// oneHot (with offset), gather (with a sharded table), argmax/topK ties, cumsum (exclusive), and the SPMD helpers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gather, oneHot } from '../../src/runtime/kernels/indexing.js';
import { argmax, topK } from '../../src/runtime/kernels/select.js';
import { cumsum } from '../../src/runtime/kernels/scan.js';
import { dynamicSlice, mask, pad } from '../../src/runtime/kernels/spmd.js';
import { allReduce } from '../../src/runtime/collectives.js';
import { arraysEqual, concatAlong, fromArray, sliceAlong, toNested } from '../../src/runtime/ndarray.js';
import { randomArray, rng } from './naive.js';

describe('indexing and selection', () => {
  it('oneHot puts the new dim last; an offset builds one slice of it', () => {
    const ids = fromArray('i32', ['t'], [4], [0, 3, 5, -1]);
    assert.deepEqual(toNested(oneHot(ids, 'e', 4)), [[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]]);
    const full = oneHot(ids, 'e', 6);
    const parts = [0, 2, 4].map((off) => oneHot(ids, 'e', 2, off));
    assert.ok(arraysEqual(concatAlong(parts, 'e'), full));
    assert.deepEqual(oneHot(fromArray('i32', ['a', 'b'], [2, 1], [1, 0]), 'e', 2).dims, ['a', 'b', 'e']);
  });

  it('gather picks rows by id; sharded tables give zeros outside and all-reduce to the full gather', () => {
    const r = rng(1);
    const table = randomArray(r, ['m', 'v', 'k'], [2, 7, 3]);
    const ids = fromArray('i32', ['b', 's'], [2, 2], [6, 0, 3, 3]);
    const g = gather(table, ids, 'v');
    assert.deepEqual(g.dims, ['b', 's', 'm', 'k']);
    assert.deepEqual(g.shape, [2, 2, 2, 3]);
    for (let b = 0; b < 2; b++) for (let s = 0; s < 2; s++) for (let m = 0; m < 2; m++) for (let k = 0; k < 3; k++) {
      const id = ids.data[b * 2 + s]!;
      assert.equal(g.data[((b * 2 + s) * 2 + m) * 3 + k], table.data[(m * 7 + id) * 3 + k]);
    }
    // shards of 3 rows (7 padded to 9): last shard has padded rows no id points at
    const shards = [0, 3, 6].map((off) => gather(sliceAlong(table, 'v', off, 3), ids, 'v', { offset: off }));
    assert.ok(arraysEqual(allReduce(shards, 'sum')[0]!, g));
    assert.throws(() => gather(table, fromArray('i32', ['b'], [1], [7]), 'v'), /outside 'v'/);
  });

  it('argmax breaks ties toward the lower index', () => {
    const a = fromArray('f32', ['r', 'c'], [3, 4], [1, 5, 5, 2, 7, 7, 7, 7, -1, -3, -1, -2]);
    assert.deepEqual([...argmax(a, 'c').data], [1, 0, 0]);
    assert.deepEqual([...argmax(a, 'r').data], [1, 1, 1, 1]);
    assert.equal(argmax(a, 'c').dtype, 'i32');
  });

  it('topK returns descending values, ties in index order, the new dim in place of the old', () => {
    const a = fromArray('f32', ['r', 'c'], [2, 5], [3, 1, 3, 2, 3, 0, 4, 4, 1, 4]);
    const { values, indices } = topK(a, 'c', 3, 'k');
    assert.deepEqual(values.dims, ['r', 'k']);
    assert.deepEqual(toNested(values), [[3, 3, 3], [4, 4, 4]]);
    assert.deepEqual(toNested(indices), [[0, 2, 4], [1, 2, 4]]);
    const t = topK(a, 'r', 1, 'one');
    assert.deepEqual(toNested(t.indices), [[0, 1, 1, 0, 1]]);
    const r = rng(2);
    const x = randomArray(r, ['n'], [40]);
    const top = topK(x, 'n', 40, 'k');
    const sorted = [...x.data].map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
    assert.deepEqual([...top.indices.data], sorted.map(([, i]) => i));
  });

  it('cumsum, inclusive and exclusive, along a middle dim', () => {
    const a = fromArray('f32', ['a', 'b', 'c'], [1, 3, 2], [1, 10, 2, 20, 3, 30]);
    assert.deepEqual(toNested(cumsum(a, 'b')), [[[1, 10], [3, 30], [6, 60]]]);
    assert.deepEqual(toNested(cumsum(a, 'b', true)), [[[0, 0], [1, 10], [3, 30]]]);
  });

  it('dynamicSlice zero-fills past the end, pad fills the tail, mask overwrites padded positions', () => {
    const a = fromArray('f32', ['s', 'm'], [7, 1], [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual([...dynamicSlice(a, 's', 6, 3).data], [7, 0, 0]);
    assert.deepEqual([...dynamicSlice(a, 's', 3, 3).data], [4, 5, 6]);
    assert.deepEqual([...pad(a, 's', 9, -1).data], [1, 2, 3, 4, 5, 6, 7, -1, -1]);
    const m = mask(fromArray('f32', ['m', 's'], [2, 3], [1, 2, 3, 4, 5, 6]), 's', 2, -Infinity);
    assert.deepEqual(toNested(m), [[1, 2, -Infinity], [4, 5, -Infinity]]);
    assert.deepEqual([...mask(a, 's', 9, 0).data], [...a.data]);
  });
});
