// Resident weights: a range held by two scopes stays on the wasm heap across matmuls, one held once does not,
// results equal the uploaded path's, and closing the scopes frees every resident tensor.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, matmul2d, matmulJs } from '../../src/runtime/wasm-backend.js';
import { holdResident, residentWeightBytes } from '../../src/runtime/resident.js';
import { fromArray } from '../../src/runtime/ndarray.js';
import { rng } from './naive.js';

before(async () => {
  await initBackend();
});

describe('resident weights', () => {
  const m = 48, k = 64, n = 40;
  const r = rng(3);
  const a = Float32Array.from({ length: m * k }, () => r() - 0.5);
  const wData = Float32Array.from({ length: 2 * k * n }, () => r() - 0.5); // two [k, n] matrices
  const w = fromArray('f32', ['E', 'K', 'N'], [2, k, n], wData);
  const wd = w.data as Float32Array; // the array's own buffer (fromArray may copy)
  const expected = (off: number) => {
    const out = new Float32Array(m * n);
    matmulJs(a, 0, wData, off, m, k, n, out, 0);
    return out;
  };
  const close = (x: Float32Array, y: Float32Array) => x.every((v, i) => Math.abs(v - (y[i] ?? NaN)) < 1e-4);

  it('keeps a weight held twice on the heap, reuses it, and frees it when the last scope closes', () => {
    const tensors0 = tf.memory().numTensors;
    const closeA = holdResident([w]);
    const closeB = holdResident([w]); // a second device reading the same shared tile
    for (const off of [0, k * n, 0]) {
      const got = new Float32Array(m * n);
      matmul2d(a, 0, wd, off, m, k, n, got, 0);
      assert.ok(close(got, expected(off)), `product with the matrix at ${off}`);
    }
    assert.equal(residentWeightBytes(), 2 * 4 * k * n, 'each matrix uploaded once');
    assert.equal(tf.memory().numTensors, tensors0 + 2);
    closeA();
    assert.equal(residentWeightBytes(), 2 * 4 * k * n, 'still held by the other scope');
    closeB();
    closeB(); // closing twice is harmless
    assert.equal(residentWeightBytes(), 0);
    assert.equal(tf.memory().numTensors, tensors0);
  });

  it('uploads per call a weight held once, and one that no scope holds', () => {
    const tensors0 = tf.memory().numTensors;
    const closeA = holdResident([w]);
    const got = new Float32Array(m * n);
    matmul2d(a, 0, wd, 0, m, k, n, got, 0);
    assert.ok(close(got, expected(0)));
    assert.equal(residentWeightBytes(), 0);
    closeA();
    const other = Float32Array.from(wData);
    const closeB = holdResident([w, w]);
    matmul2d(a, 0, other, 0, m, k, n, got, 0); // same values, a buffer no scope holds
    assert.ok(close(got, expected(0)));
    assert.equal(residentWeightBytes(), 0);
    closeB();
    assert.equal(tf.memory().numTensors, tensors0);
  });
});
