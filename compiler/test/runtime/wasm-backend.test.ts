// The backend reports the binary that ran, and its 2-D matmul (wasm and JS paths, with row placement) agrees with a naive product.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { backendInfo, describeBackend, initBackend, matmul2d, matmulJs } from '../../src/runtime/wasm-backend.js';
import { rng } from './naive.js';

before(async () => {
  await initBackend();
});

describe('wasm backend', () => {
  it('initialises the wasm SIMD binary once and says so', async () => {
    const info = backendInfo();
    assert.equal(info.backend, 'wasm', info.reason);
    assert.equal(info.simd, true);
    assert.equal(info.threads, false); // tfjs disables threads in Node
    assert.match(describeBackend(), /^wasm \(simd, 1 thread\)$/);
    assert.equal(await initBackend(), info, 'second init returns the same result');
  });

  it('matmul2d on wasm equals the JS product, places rows, and leaves no tensors behind', () => {
    const r = rng(1);
    const m = 40, k = 50, n = 30;
    const a = Float32Array.from({ length: 3 + m * k }, () => r() - 0.5);
    const b = Float32Array.from({ length: 5 + k * n }, () => r() - 0.5);
    const before = tf.memory().numTensors;
    const got = new Float32Array(m * n + 7);
    matmul2d(a, 3, b, 5, m, k, n, got, 7);
    const want = new Float32Array(m * n + 7);
    matmulJs(a, 3, b, 5, m, k, n, want, 7);
    for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i]! - want[i]!) < 1e-5);
    assert.equal(tf.memory().numTensors, before);
    // rows reversed through rowOffsets
    const rows = Int32Array.from({ length: m }, (_, i) => (m - 1 - i) * n);
    const placed = new Float32Array(m * n);
    matmul2d(a, 3, b, 5, m, k, n, placed, 0, rows);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) assert.ok(Math.abs(placed[(m - 1 - i) * n + j]! - want[7 + i * n + j]!) < 1e-5);
  });

  it('falls back to the JS matmul with a reason, and einsum still works (in a fresh process)', () => {
    const dist = new URL('../../src/runtime/', import.meta.url).href;
    const code = `
      const { initBackend, describeBackend } = await import('${dist}wasm-backend.js');
      const { einsum } = await import('${dist}kernels/einsum.js');
      const { fromArray } = await import('${dist}ndarray.js');
      const info = await initBackend({ forceJs: 'test: no wasm' });
      const a = fromArray('f32', ['i', 'k'], [64, 64], Array.from({ length: 4096 }, (_, i) => i % 7));
      const b = fromArray('f32', ['k', 'j'], [64, 64], Array.from({ length: 4096 }, (_, i) => i % 5));
      const c = einsum({ inputs: [['i', 'k'], ['k', 'j']], output: ['i', 'j'] }, [a, b]);
      let want = 0; for (let k = 0; k < 64; k++) want += (k % 7) * ((k * 64) % 5);
      console.log(JSON.stringify({ info, line: describeBackend(), c00: c.data[0], want }));`;
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const out = JSON.parse(res.stdout.trim()) as { info: { backend: string; reason: string }; line: string; c00: number; want: number };
    assert.equal(out.info.backend, 'js');
    assert.equal(out.line, 'js fallback: test: no wasm');
    assert.equal(out.c00, out.want);
  });
});
