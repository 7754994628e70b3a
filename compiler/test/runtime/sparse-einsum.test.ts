// The sparse einsum path (one operand mostly zeros: MoE dispatch/combine) and the dead-row matmul against the dense
// product and the naive definition, including when they must stand aside (Inf/NaN in the dense operand).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, matmul2d } from '../../src/runtime/wasm-backend.js';
import { einsum } from '../../src/runtime/kernels/einsum.js';
import { sparseEinsumRuns } from '../../src/runtime/kernels/sparse-einsum.js';
import { liveRows, matmulLiveRows, setZeroSkipping } from '../../src/runtime/kernels/zero-rows.js';
import { arraysEqual, makeArray, maxRelDiff, type NDArray } from '../../src/runtime/ndarray.js';
import { maxDiff, naiveEinsum, randomArray, rng } from './naive.js';

before(async () => {
  await initBackend();
});

const split = (s: string) => s.split('');

/** A [.., S, E, C]-style mask: for each index of `tokenDims`, `k` ones (or random weights) at distinct slots. */
function mask(r: () => number, dims: string, sizes: Record<string, number>, tokens: number, k: number,
  weights = false): NDArray {
  const ds = split(dims);
  const shape = ds.map((d) => sizes[d] ?? 1);
  const n = shape.reduce((a, b) => a * b, 1);
  const slots = n / tokens;
  const data = new Float32Array(n);
  for (let t = 0; t < tokens; t++) {
    for (let j = 0; j < k; j++) data[t * slots + Math.floor(r() * slots)] = weights ? r() + 0.1 : 1;
  }
  return makeArray('f32', ds, shape, data);
}

function dense(r: () => number, dims: string, sizes: Record<string, number>, dtype: 'f32' | 'bf16' = 'f32'): NDArray {
  return randomArray(r, split(dims), split(dims).map((d) => sizes[d] ?? 1), dtype);
}

/** einsum through the dense path, zero skipping switched off. */
function denseEinsum(inputs: string[][], output: string[], ops: NDArray[]): NDArray {
  const prev = setZeroSkipping(false);
  try {
    return einsum({ inputs, output }, ops);
  } finally {
    setZeroSkipping(prev);
  }
}

/** Runs the einsum with the sparse path on; returns it, the dense path's result and whether sparse ran. */
function both(spec: string, ops: NDArray[]): { sparse: NDArray; dense: NDArray; tookSparse: boolean } {
  const [ins = '', out = ''] = spec.split('->');
  const inputs = ins.split(',').map(split);
  const before = sparseEinsumRuns();
  const sparse = einsum({ inputs, output: split(out) }, ops);
  const tookSparse = sparseEinsumRuns() > before;
  return { sparse, dense: denseEinsum(inputs, split(out), ops), tookSparse };
}

describe('sparse einsum path', () => {
  const sz = { G: 2, S: 64, E: 8, C: 16, M: 128 };

  it('dispatch GSEC,GSM->EGCM with a one-hot mask: bit-identical to the dense product', () => {
    const r = rng(3);
    const { sparse, dense: d, tookSparse } = both('GSEC,GSM->EGCM', [mask(r, 'GSEC', sz, 2 * 64, 1), dense(r, 'GSM', sz)]);
    assert.ok(tookSparse, 'the sparse path ran');
    assert.deepEqual(sparse.dims, ['E', 'G', 'C', 'M']);
    assert.ok(arraysEqual(sparse, d), 'one product per output element: the same f32 value');
  });

  it('combine GSEC,GECM->GSM with two weights per token: the dense value up to f32 rounding, and the naive sum', () => {
    const r = rng(4);
    const ops = [mask(r, 'GSEC', sz, 2 * 64, 2, true), dense(r, 'GECM', sz)];
    const { sparse, dense: d, tookSparse } = both('GSEC,GECM->GSM', ops);
    assert.ok(tookSparse);
    assert.ok(maxRelDiff(sparse, d) <= 1e-6, `vs dense: ${maxRelDiff(sparse, d)}`);
    const want = naiveEinsum([split('GSEC'), split('GECM')], split('GSM'), ops);
    assert.ok(maxDiff(sparse.data, want.data) <= 1e-5);
  });

  it('rows of the dense operand that do not trail it (general offsets), mask on the right', () => {
    const r = rng(5);
    const s2 = { S: 512, E: 32, M: 64 };
    const ops = [dense(r, 'MS', s2), mask(r, 'SE', s2, 512, 1, true)];
    const { sparse, dense: d, tookSparse } = both('MS,SE->EM', ops);
    assert.ok(tookSparse);
    const want = naiveEinsum([split('MS'), split('SE')], split('EM'), ops);
    assert.ok(maxDiff(sparse.data, want.data) <= 1e-5, `vs naive: ${maxDiff(sparse.data, want.data)}`);
    assert.ok(maxRelDiff(sparse, d) <= 1e-6);
  });

  it('bf16: the result is rounded to bf16 as the dense path rounds it', () => {
    const r = rng(6);
    const m = mask(r, 'GSEC', sz, 2 * 64, 1);
    const ops = [dense(r, 'GSM', sz, 'bf16'), { ...m, dtype: 'bf16' as const }];
    const { sparse, dense: d, tookSparse } = both('GSM,GSEC->GECM', ops);
    assert.ok(tookSparse);
    assert.equal(sparse.dtype, 'bf16');
    assert.ok(arraysEqual(sparse, d));
  });

  it('stands aside when the dense operand holds an Inf or NaN (0 * Inf is NaN in the dense product)', () => {
    const r = rng(7);
    const x = dense(r, 'GSM', sz);
    x.data[5] = Infinity;
    x.data[700] = NaN;
    const { sparse, dense: d, tookSparse } = both('GSEC,GSM->EGCM', [mask(r, 'GSEC', sz, 2 * 64, 1), x]);
    assert.equal(tookSparse, false);
    assert.ok(Array.from(sparse.data).some(Number.isNaN), 'NaN spreads through the zeros, as in the dense product');
    assert.ok(arraysEqual(sparse, d));
  });

  it('is not taken when neither operand is sparse', () => {
    const r = rng(8);
    const { tookSparse } = both('GSEC,GSM->EGCM', [dense(r, 'GSEC', sz), dense(r, 'GSM', sz)]);
    assert.equal(tookSparse, false);
  });
});

describe('matmul over live rows', () => {
  const m = 64, k = 32, n = 256;
  function left(dead: readonly number[]): Float32Array {
    const r = rng(9);
    const a = new Float32Array(m * k).map(() => r() - 0.5);
    for (const row of dead) a.fill(0, row * k, (row + 1) * k);
    return a;
  }
  const deadRows = Array.from({ length: 20 }, (_, i) => (i * 7) % m);

  it('liveRows lists the rows with a nonzero when enough rows are zero, else nothing', () => {
    const a = left(deadRows);
    const live = liveRows(a, 0, m, k, 8);
    const want = Array.from({ length: m }, (_, i) => i).filter((i) => !deadRows.includes(i));
    assert.deepEqual(live && Array.from(live), want);
    assert.equal(liveRows(a, 0, m, k, 21), undefined, 'fewer dead rows than asked');
  });

  it('equals the dense product, rows scattered through row offsets, dead rows zero', () => {
    const r = rng(10);
    const a = left(deadRows);
    const b = new Float32Array(k * n).map(() => r() - 0.5);
    const offsets = Int32Array.from({ length: m }, (_, i) => (m - 1 - i) * n); // rows reversed
    const want = new Float32Array(m * n).fill(7), got = new Float32Array(m * n).fill(7);
    matmul2d(a, 0, b, 0, m, k, n, want, 0, offsets);
    matmulLiveRows(a, 0, b, 0, m, k, n, got, 0, offsets);
    assert.deepEqual(Array.from(got), Array.from(want));
  });

  it('falls back to the dense product when b holds an Inf (dead rows become NaN there)', () => {
    const r = rng(11);
    const a = left(deadRows);
    const b = new Float32Array(k * n).map(() => r() - 0.5);
    b[3] = Infinity;
    const want = new Float32Array(m * n), got = new Float32Array(m * n);
    matmul2d(a, 0, b, 0, m, k, n, want, 0);
    matmulLiveRows(a, 0, b, 0, m, k, n, got, 0);
    assert.ok(Number.isNaN(got[(deadRows[0] ?? 0) * n + 3]), 'a dead row times Inf');
    assert.deepEqual(Array.from(got).map(String), Array.from(want).map(String));
  });

  it('an expert einsum EGCM,EMH->EGCH with empty capacity slots matches the naive definition', () => {
    const r = rng(12);
    const s = { E: 2, G: 2, C: 32, M: 32, H: 256 };
    const x = dense(r, 'EGCM', s);
    for (let slot = 0; slot < 2 * 2 * 32; slot += 3) x.data.fill(0, slot * 32, (slot + 1) * 32);
    const w = dense(r, 'EMH', s);
    const got = einsum({ inputs: [split('EGCM'), split('EMH')], output: split('EGCH') }, [x, w]);
    const want = naiveEinsum([split('EGCM'), split('EMH')], split('EGCH'), [x, w]);
    assert.ok(maxDiff(got.data, want.data) <= 1e-4, `max diff ${maxDiff(got.data, want.data)}`);
  });
});
