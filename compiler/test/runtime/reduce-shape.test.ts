// reduce (sum/mean/max over several dims), transpose, reshape and rename against naive definitions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reduce } from '../../src/runtime/kernels/reduce.js';
import { rename, reshape, transpose } from '../../src/runtime/kernels/shape.js';
import { fromArray, toNested } from '../../src/runtime/ndarray.js';
import { at, forEachIndex, randomArray, rng } from './naive.js';

describe('reduce and shape', () => {
  const r = rng(3);
  const a = randomArray(r, ['p', 'q', 's'], [4, 3, 5]);

  it('reduce sum/mean/max over any subset of dims', () => {
    // adjacent dims ([q, p], [s, q], [s, q, p]) reduce as one merged dim, [p, s] one at a time
    for (const dims of [['p'], ['q'], ['s'], ['p', 's'], ['q', 'p'], ['s', 'q'], ['s', 'q', 'p'], []]) {
      for (const op of ['sum', 'mean', 'max'] as const) {
        const got = reduce(a, op, dims);
        const kept = a.dims.filter((d) => !dims.includes(d));
        assert.deepEqual(got.dims, kept);
        forEachIndex(kept, kept.map((d) => a.shape[a.dims.indexOf(d)]!), (kx) => {
          const vals: number[] = [];
          forEachIndex(dims, dims.map((d) => a.shape[a.dims.indexOf(d)]!), (ix) => vals.push(at(a, { ...kx, ...ix })));
          const sum = vals.reduce((x, y) => x + y, 0);
          const want = op === 'sum' ? sum : op === 'mean' ? sum / vals.length : Math.max(...vals);
          assert.ok(Math.abs(at(got, kx) - want) < 1e-6, `${op} over [${dims}]`);
        });
      }
    }
  });

  it('reduce max propagates NaN; i32 sums are exact', () => {
    assert.ok(Number.isNaN(reduce(fromArray('f32', ['n'], [3], [1, NaN, 2]), 'max', ['n']).data[0]!));
    assert.equal(reduce(fromArray('i32', ['n'], [3], [2 ** 30, 2 ** 30, 5]), 'sum', ['n']).data[0], -(2 ** 31) + 5);
  });

  it('transpose moves data by name', () => {
    const t = transpose(a, ['s', 'p', 'q']);
    assert.deepEqual(t.shape, [5, 4, 3]);
    forEachIndex(a.dims, a.shape, (ix) => assert.equal(at(t, ix), at(a, ix)));
    assert.throws(() => transpose(a, ['s', 'p']), /not a permutation/);
  });

  it('reshape keeps row-major data; rename changes only names', () => {
    const x = fromArray('f32', ['a', 'b'], [2, 3], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(toNested(reshape(x, ['c', 'd'], [3, 2])), [[1, 2], [3, 4], [5, 6]]);
    assert.throws(() => reshape(x, ['c'], [5]), /reshape/);
    const y = rename(x, 'a', 'z');
    assert.deepEqual(y.dims, ['z', 'b']);
    assert.deepEqual(rename(x, { a: 'b', b: 'a' }).dims, ['b', 'a']);
    assert.throws(() => rename(x, 'q', 'z'), /no dim 'q'/);
  });
});
