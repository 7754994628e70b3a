// NDArray basics: constructors, strides, slicing with fill, concat, pad, comparisons, bf16 rounding, and the typed-array transpose.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  arraysEqual, concatAlong, fromArray, get, maxAbsDiff, maxRelDiff, padAlong, roundToBf16, scalar, sliceAlong, strides, toNested, zeros,
} from '../../src/runtime/ndarray.js';
import { permuteData, isIdentityLayout } from '../../src/runtime/kernels/permute.js';
import { at, forEachIndex, randomArray, rng } from './naive.js';

describe('ndarray', () => {
  it('constructs arrays, scalars and reads elements by name', () => {
    const a = fromArray('f32', ['r', 'c'], [2, 3], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(strides(a.shape), [3, 1]);
    assert.equal(get(a, { r: 1, c: 0 }), 4);
    assert.deepEqual(toNested(a), [[1, 2, 3], [4, 5, 6]]);
    assert.equal(scalar(2.5).data[0], 2.5);
    assert.deepEqual(scalar(2.5).shape, []);
    assert.ok(zeros('i32', ['x'], [4]).data instanceof Int32Array);
    assert.equal(fromArray('bool', ['x'], [2], [true, false]).data[0], 1);
    assert.throws(() => fromArray('f32', ['a', 'a'], [1, 1], [0]), /duplicate dim/);
    assert.throws(() => get(a, { r: 2, c: 0 }), /out of range/);
  });

  it('sliceAlong copies a window and fills what lies outside', () => {
    const a = fromArray('f32', ['r', 'c'], [2, 3], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(toNested(sliceAlong(a, 'c', 1, 2)), [[2, 3], [5, 6]]);
    assert.deepEqual(toNested(sliceAlong(a, 'c', 2, 3)), [[3, 0, 0], [6, 0, 0]]);
    assert.deepEqual(toNested(sliceAlong(a, 'c', -1, 2, 9)), [[9, 1], [9, 4]]);
    assert.deepEqual(toNested(sliceAlong(a, 'r', 1, 1)), [[4, 5, 6]]);
  });

  it('concatAlong inverts slicing, padAlong pads the tail', () => {
    const r = rng(1);
    const a = randomArray(r, ['x', 'y', 'z'], [2, 7, 3]);
    const parts = [sliceAlong(a, 'y', 0, 3), sliceAlong(a, 'y', 3, 1), sliceAlong(a, 'y', 4, 3)];
    assert.ok(arraysEqual(concatAlong(parts, 'y'), a));
    const p = padAlong(a, 'y', 9, -1);
    assert.deepEqual(p.shape, [2, 9, 3]);
    assert.ok(arraysEqual(sliceAlong(p, 'y', 0, 7), a));
    assert.equal(get(p, { x: 1, y: 8, z: 2 }), -1);
    assert.throws(() => concatAlong([a, randomArray(r, ['y', 'x', 'z'], [7, 2, 3])], 'y'), /concatAlong/);
  });

  it('maxAbsDiff / maxRelDiff measure against the reference scale', () => {
    const ref = fromArray('f32', ['x'], [3], [10, -20, 5]);
    const got = fromArray('f32', ['x'], [3], [10, -20.5, 5]);
    assert.equal(maxAbsDiff(got, ref), 0.5);
    assert.equal(maxRelDiff(got, ref), 0.5 / 20);
    assert.equal(maxAbsDiff(fromArray('f32', ['x'], [1], [NaN]), fromArray('f32', ['x'], [1], [0])), Infinity);
  });

  it('rounds to bf16 to nearest even', () => {
    assert.equal(roundToBf16(1 + 2 ** -8), 1); // tie -> even (1)
    assert.equal(roundToBf16(1 + 3 * 2 ** -8), 1 + 2 ** -6); // tie -> even (up)
    assert.equal(roundToBf16(1 + 2 ** -8 + 2 ** -12), 1 + 2 ** -7); // above the tie
    assert.equal(fromArray('bf16', ['x'], [1], [Math.PI]).data[0], 3.140625);
    assert.ok(Number.isNaN(roundToBf16(NaN)));
    assert.equal(roundToBf16(-Infinity), -Infinity);
  });

  it('permuteData equals an index-by-index transpose for many permutations, including size-1 dims', () => {
    const r = rng(2);
    const shapes = [[3, 4], [2, 3, 4], [2, 1, 3, 5], [4, 1, 1, 2, 3], [70, 40], [5, 2, 66]];
    for (const shape of shapes) {
      const dims = shape.map((_, i) => `d${i}`);
      const a = randomArray(r, dims, shape);
      const perms = allPerms(dims.length);
      for (const perm of perms) {
        const got = permuteData(a.data, a.shape, perm);
        const outShape = perm.map((p) => shape[p]!);
        const st = strides(outShape);
        forEachIndex(dims, shape, (ix) => {
          let off = 0;
          perm.forEach((p, i) => (off += ix[dims[p]!]! * st[i]!));
          assert.equal(got[off], at(a, ix));
        });
        assert.equal(isIdentityLayout(shape, perm), perm.filter((p) => shape[p] !== 1).every((p, i, xs) => i === 0 || xs[i - 1]! < p));
      }
    }
  });
});

function allPerms(n: number): number[][] {
  if (n === 0) return [[]];
  return allPerms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('buffer pool', () => {
  it('reuses a recycled buffer, zeroed for zeros() and overwritten by kernels; refuses double recycling', async () => {
    const { recycle, drainPool, allocData } = await import('../../src/runtime/ndarray.js');
    drainPool();
    const n = 70000;
    const a = zeros('f32', ['x'], [n]);
    a.data.fill(3);
    recycle(a);
    assert.throws(() => recycle(a), /recycled twice/);
    const b = zeros('f32', ['x'], [n]);
    assert.equal(b.data, a.data, 'the pooled buffer came back');
    assert.ok(b.data.every((v) => v === 0));
    recycle(b);
    assert.equal(allocData('f32', n, true), a.data);
    assert.notEqual(allocData('f32', n, true), a.data, 'the pool is empty again');
    recycle(zeros('f32', ['x'], [10])); // small: ignored, no error
    drainPool();
  });

  it('copyData copies into a pooled buffer; allToAll builds its results in pooled buffers', async () => {
    const { recycle, drainPool, copyData } = await import('../../src/runtime/ndarray.js');
    const { allToAll } = await import('../../src/runtime/collectives.js');
    drainPool();
    const n = 8192;
    const spare = zeros('f32', ['x'], [n]);
    recycle(spare);
    const src = Float32Array.from({ length: n }, (_, i) => i);
    const copy = copyData(src);
    assert.equal(copy, spare.data, 'the copy landed in the recycled buffer');
    assert.deepEqual([...copy.subarray(0, 4)], [0, 1, 2, 3]);
    assert.ok(copyData(new Int32Array([1, 2])) instanceof Int32Array);
    // two members, [2, 4096] each, split along r: each result is [1, 8192], built in a recycled buffer
    const bufs = [0, 1].map((k) => fromArray('f32', ['r', 'c'], [2, 4096], Array.from({ length: 8192 }, (_, i) => k * 10000 + i)));
    recycle({ dtype: 'f32', dims: ['x'], shape: [n], data: copy });
    const out = allToAll(bufs, 'r', 'c', new Set([1]));
    assert.equal(out[1]!.data, copy, 'the result reused the pooled buffer');
    assert.deepEqual(out[1]!.shape, [1, 8192]);
    assert.equal(out[1]!.data[0], 4096);
    assert.equal(out[1]!.data[4096], 14096);
    drainPool();
  });
});
