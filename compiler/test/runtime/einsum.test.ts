// einsum against a naive loop definition: fixed cases (GShard MoE einsums, one operand, 1-element dims) and random specs.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initBackend, backendInfo, setJsMatmulThreshold } from '../../src/runtime/wasm-backend.js';
import { einsum } from '../../src/runtime/kernels/einsum.js';
import { fromArray, type NDArray } from '../../src/runtime/ndarray.js';
import { maxDiff, naiveEinsum, randomArray, rng } from './naive.js';

before(async () => {
  await initBackend();
});

function check(inputs: string[][], output: string[], ops: NDArray[], tol = 1e-4): void {
  const got = einsum({ inputs, output }, ops);
  const want = naiveEinsum(inputs, output, ops);
  assert.deepEqual(got.dims, want.dims);
  assert.deepEqual(got.shape, want.shape);
  const d = maxDiff(got.data, want.data);
  assert.ok(d <= tol, `${inputs.map((x) => x.join('')).join(',')}->${output.join('')}: max diff ${d}`);
}

function arr(r: () => number, dims: string, sizes: Record<string, number>): NDArray {
  const ds = dims.split('');
  return randomArray(r, ds, ds.map((d) => sizes[d]!));
}

describe('einsum', () => {
  it('runs on the wasm backend in these tests', () => {
    assert.equal(backendInfo().backend, 'wasm');
  });

  it('matches the naive definition on the four GShard MoE einsums (large enough to use wasm matmul)', () => {
    const r = rng(1);
    const sz = { G: 2, S: 16, E: 4, C: 8, M: 32, H: 64 };
    const split = (s: string) => s.split('');
    for (const [l, rr, o] of [['GSEC', 'GSM', 'EGCM'], ['EGCM', 'EMH', 'EGCH'], ['EGCH', 'EHM', 'GECM'], ['GSEC', 'GECM', 'GSM']] as const) {
      check([split(l), split(rr)], split(o), [arr(r, l, sz), arr(r, rr, sz)]);
    }
  });

  it('handles a large 2-D matmul and its transposed forms', () => {
    const r = rng(2);
    const sz = { a: 70, b: 90, c: 50 };
    check([['a', 'b'], ['b', 'c']], ['a', 'c'], [arr(r, 'ab', sz), arr(r, 'bc', sz)]);
    check([['b', 'a'], ['c', 'b']], ['c', 'a'], [arr(r, 'ba', sz), arr(r, 'cb', sz)]);
    check([['a', 'b'], ['c', 'b']], ['a', 'c'], [arr(r, 'ab', sz), arr(r, 'cb', sz)]);
  });

  it('one operand: transpose, sum, full reduction to a scalar', () => {
    const r = rng(3);
    const x = arr(r, 'abc', { a: 3, b: 4, c: 5 });
    check([['a', 'b', 'c']], ['c', 'a'], [x]);
    check([['a', 'b', 'c']], ['b', 'c', 'a'], [x]);
    check([['a', 'b', 'c']], [], [x]);
  });

  it('sums dims private to one operand first, and handles outer products and pure batch products', () => {
    const r = rng(4);
    const sz = { a: 3, b: 4, c: 5, d: 2 };
    check([['a', 'd'], ['b', 'c']], ['a', 'b'], [arr(r, 'ad', sz), arr(r, 'bc', sz)]);
    check([['a'], ['b']], ['b', 'a'], [arr(r, 'a', sz), arr(r, 'b', sz)]);
    check([['a', 'b'], ['b', 'a']], ['a', 'b'], [arr(r, 'ab', sz), arr(r, 'ba', sz)]);
    check([['a', 'b'], ['a', 'b']], [], [arr(r, 'ab', sz), arr(r, 'ab', sz)]);
  });

  it('BA,BC->BA is a times the sum over C of b (checked against a plain loop)', () => {
    const r = rng(8);
    const [nb, na, nc] = [5, 7, 33];
    const a = randomArray(r, ['B', 'A'], [nb, na]);
    const b = randomArray(r, ['B', 'C'], [nb, nc]);
    const got = einsum({ inputs: [['B', 'A'], ['B', 'C']], output: ['B', 'A'] }, [a, b]);
    assert.deepEqual([got.dims, got.shape], [['B', 'A'], [nb, na]]);
    for (let i = 0; i < nb; i++) {
      let sum = 0;
      for (let k = 0; k < nc; k++) sum += b.data[i * nc + k] ?? NaN;
      for (let j = 0; j < na; j++) {
        const want = (a.data[i * na + j] ?? NaN) * sum;
        const have = got.data[i * na + j] ?? NaN;
        assert.ok(Math.abs(have - want) <= 1e-5 * (1 + Math.abs(want)), `[${i}, ${j}]: ${have} against ${want}`);
      }
    }
  });

  it('sums each operand over its own dims before a contraction (ABX,BCY->AC)', () => {
    const r = rng(9);
    const sz = { A: 6, B: 40, C: 9, X: 3, Y: 5 };
    check([['A', 'B', 'X'], ['B', 'C', 'Y']], ['A', 'C'], [arr(r, 'ABX', sz), arr(r, 'BCY', sz)]);
    check([['X', 'B', 'A'], ['Y', 'C', 'B']], ['C', 'A'], [arr(r, 'XBA', sz), arr(r, 'YCB', sz)]);
  });

  it('handles 1-element and 0-element dims', () => {
    const r = rng(5);
    const sz = { a: 1, b: 3, c: 1, z: 0 };
    check([['a', 'b'], ['b', 'c']], ['c', 'a'], [arr(r, 'ab', sz), arr(r, 'bc', sz)]);
    check([['b', 'z'], ['z', 'c']], ['b', 'c'], [arr(r, 'bz', sz), arr(r, 'zc', sz)]);
  });

  it('i32 is exact and bf16 results are bf16 values', () => {
    const r = rng(6);
    const a = randomArray(r, ['i', 'k'], [7, 9], 'i32');
    const b = randomArray(r, ['k', 'j'], [9, 4], 'i32');
    const got = einsum({ inputs: [['i', 'k'], ['k', 'j']], output: ['i', 'j'] }, [a, b]);
    assert.equal(got.dtype, 'i32');
    assert.equal(maxDiff(got.data, naiveEinsum([], ['i', 'j'], [a, b]).data), 0);
    const x = fromArray('bf16', ['k'], [3], [1, 1, 1]);
    const y = fromArray('bf16', ['k'], [3], [1, 1 / 256, 0]);
    const s = einsum({ inputs: [['k'], ['k']], output: [] }, [x, y]);
    assert.equal(s.dtype, 'bf16');
    assert.equal(s.data[0], 1); // f32 sum 1 + 2^-8 is a tie between bf16 neighbours 1 and 1 + 2^-7: to even
  });

  it('rejects mismatched dims and sizes with messages naming them', () => {
    const a = fromArray('f32', ['a', 'b'], [2, 3], [1, 2, 3, 4, 5, 6]);
    const b = fromArray('f32', ['b', 'c'], [4, 1], [1, 2, 3, 4]);
    assert.throws(() => einsum({ inputs: [['a', 'b'], ['b', 'c']], output: ['a', 'c'] }, [a, b]), /dim 'b' is 3 in one operand and 4/);
    assert.throws(() => einsum({ inputs: [['b', 'a']], output: ['a'] }, [a]), /operand 0 has dims/);
    assert.throws(() => einsum({ inputs: [['a', 'b']], output: ['q'] }, [a]), /output dim 'q' is in no operand/);
  });

  for (const [label, threshold] of [['JS for small products', undefined], ['every product on wasm', 0]] as const) {
    it(`matches the naive definition on random specs (fast-check, fixed seed; ${label})`, () => {
      const prev = threshold === undefined ? undefined : setJsMatmulThreshold(threshold);
      try {
        const names = ['a', 'b', 'c', 'd', 'e', 'f'];
        const specArb = fc.record({
          sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }),
          // per dim: 0 absent, 1 lhs only, 2 rhs only, 3 both; and whether it is in the output
          role: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
          inOut: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          shuffle: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
          seed: fc.nat(),
          unary: fc.boolean(),
        });
        fc.assert(
          fc.property(specArb, ({ sizes, role, inOut, shuffle, seed, unary }) => {
            const perm = (xs: string[], k: number) => [...xs].sort((x, y) => ((x.charCodeAt(0) * (k + 7)) % 13) - ((y.charCodeAt(0) * (k + 7)) % 13));
            let lhs = names.filter((_, i) => role[i] === 1 || role[i] === 3);
            let rhs = names.filter((_, i) => role[i] === 2 || role[i] === 3);
            if (unary) rhs = [];
            const present = new Set([...lhs, ...rhs]);
            let out = names.filter((d, i) => present.has(d) && inOut[i]);
            lhs = perm(lhs, shuffle[0]!);
            rhs = perm(rhs, shuffle[1]!);
            out = perm(out, shuffle[2]!);
            const r = rng(seed);
            const size = (d: string) => sizes[names.indexOf(d)]!;
            const ops = [randomArray(r, lhs, lhs.map(size))];
            if (!unary) ops.push(randomArray(r, rhs, rhs.map(size)));
            const inputs = unary ? [lhs] : [lhs, rhs];
            check(inputs, out, ops, 1e-4);
          }),
          { seed: 20240601, numRuns: 150 },
        );
      } finally {
        if (prev !== undefined) setJsMatmulThreshold(prev);
      }
    });
  }
});
