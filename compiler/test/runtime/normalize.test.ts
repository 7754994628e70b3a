// softmax, logSoftmax and layerNorm against their definitions, along leading, middle and trailing dims.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { layerNorm, logSoftmax, softmax } from '../../src/runtime/kernels/normalize.js';
import { fromArray } from '../../src/runtime/ndarray.js';
import { at, forEachIndex, randomArray, rng } from './naive.js';

describe('normalize', () => {
  const r = rng(1);
  const a = randomArray(r, ['x', 'y', 'z'], [3, 5, 4]);

  it('softmax rows sum to 1 and match exp(x)/sum exp along any dim', () => {
    for (const dim of ['x', 'y', 'z']) {
      const s = softmax(a, dim);
      const others = a.dims.filter((d) => d !== dim);
      const n = a.shape[a.dims.indexOf(dim)]!;
      forEachIndex(others, others.map((d) => a.shape[a.dims.indexOf(d)]!), (ix) => {
        let total = 0;
        let z = 0;
        for (let i = 0; i < n; i++) z += Math.exp(at(a, { ...ix, [dim]: i }));
        for (let i = 0; i < n; i++) {
          const v = at(s, { ...ix, [dim]: i });
          total += v;
          assert.ok(Math.abs(v - Math.exp(at(a, { ...ix, [dim]: i })) / z) < 1e-6);
        }
        assert.ok(Math.abs(total - 1) < 1e-6, `row sums to ${total}`);
      });
    }
  });

  it('softmax is stable for large inputs and handles -Infinity (masked) entries', () => {
    const x = fromArray('f32', ['n'], [3], [1000, 1000, -Infinity]);
    assert.deepEqual([...softmax(x, 'n').data], [0.5, 0.5, 0]);
    const l = logSoftmax(x, 'n');
    assert.ok(Math.abs(l.data[0]! - Math.log(0.5)) < 1e-6);
    assert.equal(l.data[2], -Infinity);
  });

  it('logSoftmax equals log(softmax)', () => {
    const l = logSoftmax(a, 'y');
    const s = softmax(a, 'y');
    for (let i = 0; i < a.data.length; i++) assert.ok(Math.abs(l.data[i]! - Math.log(s.data[i]!)) < 1e-5);
  });

  it('layerNorm normalises over the given dims (not necessarily trailing)', () => {
    const eps = 1e-6;
    for (const dims of [['z'], ['x', 'z'], ['y'], ['x', 'y', 'z']]) {
      const got = layerNorm(a, dims, eps);
      const others = a.dims.filter((d) => !dims.includes(d));
      forEachIndex(others, others.map((d) => a.shape[a.dims.indexOf(d)]!), (ox) => {
        const vals: number[] = [];
        forEachIndex(dims, dims.map((d) => a.shape[a.dims.indexOf(d)]!), (ix) => vals.push(at(a, { ...ox, ...ix })));
        const mean = vals.reduce((p, v) => p + v, 0) / vals.length;
        const variance = vals.reduce((p, v) => p + (v - mean) ** 2, 0) / vals.length;
        forEachIndex(dims, dims.map((d) => a.shape[a.dims.indexOf(d)]!), (ix) => {
          const want = (at(a, { ...ox, ...ix }) - mean) / Math.sqrt(variance + eps);
          assert.ok(Math.abs(at(got, { ...ox, ...ix }) - want) < 1e-5, `layerNorm over ${dims}`);
        });
      });
    }
  });
});
