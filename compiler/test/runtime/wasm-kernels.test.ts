// The kernels that run on tfjs-wasm once the backend is up (softmax, layer norm, unary math, broadcasting binary ops,
// transposes, the contract-nothing einsum, innermost-dim reductions) against their definitions, on arrays big enough
// to take the wasm path.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, wasmTf } from '../../src/runtime/wasm-backend.js';
import { layerNorm, softmax, logSoftmax } from '../../src/runtime/kernels/normalize.js';
import { add, div, exp, gtMask, mul, relu, sub } from '../../src/runtime/kernels/elementwise.js';
import { einsum } from '../../src/runtime/kernels/einsum.js';
import { permuteData } from '../../src/runtime/kernels/permute.js';
import { reduce } from '../../src/runtime/kernels/reduce.js';
import { cast } from '../../src/runtime/kernels/elementwise.js';
import { fromArray, roundToBf16 } from '../../src/runtime/ndarray.js';
import { at, forEachIndex, naiveEinsum, randomArray, rng } from './naive.js';

describe('kernels on tfjs-wasm', () => {
  before(async () => {
    await initBackend();
  });
  const r = rng(7);
  const x = randomArray(r, ['b', 'l', 'm'], [4, 32, 64]); // 8192 elements: over the wasm cut-over
  const close = (got: number, want: number, tol: number, what: string) =>
    assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);

  it('runs on the wasm backend here (else these tests would test the JS loops)', () => {
    assert.ok(wasmTf(), 'wasm backend not active');
  });

  it('softmax and logSoftmax along the innermost dim match exp(x)/sum exp', () => {
    const s = softmax(x, 'm');
    const l = logSoftmax(x, 'm');
    forEachIndex(['b', 'l'], [4, 32], (ix) => {
      let z = 0;
      for (let i = 0; i < 64; i++) z += Math.exp(at(x, { ...ix, m: i }));
      for (let i = 0; i < 64; i++) {
        const want = Math.exp(at(x, { ...ix, m: i })) / z;
        close(at(s, { ...ix, m: i }), want, 1e-6, 'softmax');
        close(at(l, { ...ix, m: i }), Math.log(want), 1e-5, 'logSoftmax');
      }
    });
  });

  it('softmax keeps -Infinity entries at 0 and gives NaN for an all -Infinity row', () => {
    const v = new Array<number>(64 * 64).fill(0);
    for (let i = 0; i < 64; i++) v[i] = -Infinity; // row 0: all masked
    v[64] = -Infinity; // row 1: one masked
    const s = softmax(fromArray('f32', ['r', 'c'], [64, 64], v), 'c');
    assert.ok(Number.isNaN(s.data[0]));
    assert.equal(s.data[64], 0);
    close(s.data[65]!, 1 / 63, 1e-6, 'row 1');
  });

  it('layerNorm over the innermost dim matches its definition', () => {
    const y = layerNorm(x, ['m'], 1e-6);
    forEachIndex(['b', 'l'], [4, 32], (ix) => {
      const vals = Array.from({ length: 64 }, (_, i) => at(x, { ...ix, m: i }));
      const mean = vals.reduce((p, q) => p + q, 0) / 64;
      const variance = vals.reduce((p, q) => p + (q - mean) ** 2, 0) / 64;
      for (let i = 0; i < 64; i++) close(at(y, { ...ix, m: i }), (vals[i]! - mean) / Math.sqrt(variance + 1e-6), 1e-5, 'layerNorm');
    });
  });

  it('unary math and broadcasting binary ops by dim name, operand order kept', () => {
    const row = randomArray(r, ['m'], [64]);
    const col = randomArray(r, ['b', 'l'], [4, 32]);
    const cases: [string, (p: number, q: number) => number, (a: typeof x, b: typeof x) => typeof x][] = [
      ['add', (p, q) => p + q, add], ['sub', (p, q) => p - q, sub], ['mul', (p, q) => p * q, mul], ['div', (p, q) => p / q, div],
    ];
    for (const [name, f, k] of cases) {
      const ab = k(x, row);
      const ba = k(col, x);
      assert.deepEqual(ba.dims, x.dims, `${name}: the result takes the bigger operand's dims`);
      forEachIndex(x.dims, x.shape, (ix) => {
        close(at(ab, ix), Math.fround(f(at(x, ix), at(row, { m: ix['m']! }))), 1e-6, `${name}(x, row)`);
        close(at(ba, ix), Math.fround(f(at(col, { b: ix['b']!, l: ix['l']! }), at(x, ix))), 1e-6, `${name}(col, x)`);
      });
    }
    const e = exp(x);
    const rl = relu(fromArray('f32', ['n'], [8192], Array.from({ length: 8192 }, (_, i) => (i === 5 ? NaN : i % 3) - 1)));
    for (let i = 0; i < x.data.length; i++) close(e.data[i]!, Math.exp(x.data[i]!), 1e-6, 'exp');
    assert.ok(Number.isNaN(rl.data[5]), 'relu keeps NaN');
    assert.deepEqual([...rl.data.subarray(0, 4)], [0, 0, 1, 0]);
    const m = gtMask(x, fromArray('f32', [], [], [0]));
    assert.equal(m.dtype, 'f32');
    for (let i = 0; i < x.data.length; i++) assert.equal(m.data[i], x.data[i]! > 0 ? 1 : 0);
  });

  it('an einsum that contracts nothing (GSE,GSC->GSEC) is the exact outer product, in the output order', () => {
    const a = randomArray(r, ['G', 'S', 'E'], [2, 64, 8]);
    const b = randomArray(r, ['G', 'S', 'C'], [2, 64, 16]);
    for (const output of [['G', 'S', 'E', 'C'], ['E', 'G', 'C', 'S']]) {
      const got = einsum({ inputs: [a.dims, b.dims], output }, [a, b]);
      const want = naiveEinsum([a.dims, b.dims], output, [a, b]);
      assert.deepEqual(got.dims, want.dims);
      for (let i = 0; i < want.data.length; i++) assert.equal(got.data[i], Math.fround(want.data[i]!), `element ${i}`);
    }
  });

  it('permuteData through wasm equals the element-by-element transpose (f32 and i32)', () => {
    const shape = [2, 16, 4, 32];
    const n = 2 * 16 * 4 * 32;
    for (const perm of [[0, 2, 1, 3], [0, 2, 3, 1], [3, 2, 1, 0]]) {
      const f = Float32Array.from({ length: n }, (_, i) => i * 0.5);
      const k = Int32Array.from({ length: n }, (_, i) => i);
      const got = permuteData(f, shape, perm);
      const gotI = permuteData(k, shape, perm);
      const outShape = perm.map((p) => shape[p]!);
      const inStr = [16 * 4 * 32, 4 * 32, 32, 1];
      let o = 0;
      forEachIndex(['a', 'b', 'c', 'd'], outShape, (ix) => {
        const idx = [ix['a']!, ix['b']!, ix['c']!, ix['d']!];
        let src = 0;
        perm.forEach((p, j) => { src += idx[j]! * inStr[p]!; });
        assert.equal(got[o], src * 0.5);
        assert.equal(gotI[o], src);
        o++;
      });
    }
  });

  it('reduce sum/mean/max along the innermost dim (wasm) and along an outer dim (JS) match their definitions', () => {
    for (const [dim, others, shape] of [['m', ['b', 'l'], [4, 32]], ['l', ['b', 'm'], [4, 64]]] as const) {
      const size = dim === 'm' ? 64 : 32;
      const [sum, mean, max] = (['sum', 'mean', 'max'] as const).map((op) => reduce(x, op, [dim]));
      assert.deepEqual(sum!.dims, others);
      forEachIndex(others, shape, (ix) => {
        const vals = Array.from({ length: size }, (_, i) => at(x, { ...ix, [dim]: i }));
        const s = vals.reduce((p, q) => p + q, 0);
        close(at(sum!, ix), s, 1e-5, `sum over ${dim}`);
        close(at(mean!, ix), s / size, 1e-5, `mean over ${dim}`);
        assert.equal(at(max!, ix), Math.max(...vals), `max over ${dim}`);
      });
    }
  });

  it('reduce max along the innermost dim propagates NaN; a bf16 sum comes back bf16-rounded', () => {
    const v = new Array<number>(64 * 64).fill(1);
    v[70] = NaN; // row 1
    const m = reduce(fromArray('f32', ['r', 'c'], [64, 64], v), 'max', ['c']);
    assert.ok(Number.isNaN(m.data[1]));
    assert.equal(m.data[0], 1);
    const s = reduce(cast(x, 'bf16'), 'sum', ['m']);
    assert.equal(s.dtype, 'bf16');
    for (const e of s.data) assert.equal(e, roundToBf16(e));
  });
});
