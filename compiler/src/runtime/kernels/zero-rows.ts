// Owns skipping all-zero rows of a matmul's left operand (empty expert-capacity slots in MoE layers): only the
// live rows are multiplied, the dead rows of the result are zero, as the dense product would make them.
import { matmul2d } from '../wasm-backend.js';
import { scratch } from './scratch.js';

/**
 * Compacting copies m x k elements to save dead x k x n multiply-adds; XNNPACK does ~17 G multiply-adds/s per core
 * against ~1 G element copies/s, so it pays when dead x n > ~17 m. Asked: dead x n >= COPY_COST x m.
 */
const COPY_COST = 32;

let skipping = true;

/**
 * Turns off both ways of skipping work on zeros (this file's dead rows, sparse-einsum.ts's sparse operands): the
 * bench compares the dense matmul path with bare tf.matMul, tests compare the two; returns the previous setting.
 */
export function setZeroSkipping(on: boolean): boolean {
  const prev = skipping;
  skipping = on;
  return prev;
}

export function zeroSkipping(): boolean {
  return skipping;
}

/** No Inf or NaN in d[from, to) (x * 0 is NaN exactly for those; one branch at the end). */
export function allFinite(d: Float32Array, from = 0, to = d.length): boolean {
  let acc = 0;
  for (let i = from; i < to; i++) acc += d[i]! * 0; // from <= i < to <= d.length
  return acc === 0;
}

/**
 * Indices of the rows of a[aOff ...] ([m, k], row-major) holding a nonzero, when at least `minDead` rows are all
 * zero; otherwise undefined (a dense row is left at its first nonzero, so the scan costs ~m reads).
 */
export function liveRows(a: Float32Array, aOff: number, m: number, k: number, minDead: number): Int32Array | undefined {
  const live = scratch(5, new Int32Array(0), m);
  let n = 0;
  for (let r = 0; r < m; r++) {
    const from = aOff + r * k;
    let j = from;
    const end = from + k;
    while (j < end && a[j] === 0) j++;
    if (j < end) live[n++] = r;
  }
  return m - n >= Math.max(1, minDead) ? live.subarray(0, n) : undefined;
}

/**
 * matmul2d (same arguments) computing only the rows of a that hold a nonzero; the others are written as zeros.
 * Falls back to the plain product when few rows are zero or b holds an Inf or NaN (0 * Inf = NaN in the dense
 * product). The live rows' values are those of the dense product: each is the same 2-D row times b.
 */
export function matmulLiveRows(
  a: Float32Array, aOff: number, b: Float32Array, bOff: number,
  m: number, k: number, n: number, out: Float32Array, outOff: number, rowOffsets?: Int32Array,
): void {
  const live = skipping && k > 0 ? liveRows(a, aOff, m, k, (COPY_COST * m) / n) : undefined;
  if (!live || !allFinite(b, bOff, bOff + k * n)) {
    matmul2d(a, aOff, b, bOff, m, k, n, out, outOff, rowOffsets);
    return;
  }
  const rowAt = (r: number) => outOff + (rowOffsets ? rowOffsets[r]! : r * n); // r < m: one offset per row
  const packed = scratch(4, a, live.length * k);
  const offsets = new Int32Array(live.length);
  let next = 0;
  for (let r = 0; r < m; r++) {
    if (live[next] === r) {
      packed.set(a.subarray(aOff + r * k, aOff + (r + 1) * k), next * k);
      offsets[next++] = rowAt(r) - outOff;
    } else out.fill(0, rowAt(r), rowAt(r) + n);
  }
  if (live.length) matmul2d(packed, 0, b, bOff, live.length, k, n, out, outOff, offsets);
}
