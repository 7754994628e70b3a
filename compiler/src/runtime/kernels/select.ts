// Owns the selection kernels along a dim: argmax and topK, both breaking ties toward the lower index.
import { allocData, axisOf, dropAxis, isFloat, makeArray, splitAround, type NDArray } from '../ndarray.js';

/** Index of the largest entry along `dim` (first one on ties; a NaN counts as largest), as i32 without `dim`. */
export function argmax(a: NDArray, dim: string): NDArray {
  const axis = axisOf(a, dim);
  const { outer, size, inner } = splitAround(a.shape, axis);
  if (size === 0) throw new Error(`argmax over empty dim '${dim}'`);
  // A JS loop: tfjs-wasm ArgMax skips NaN (here NaN counts as largest), so it needs a NaN scan first; with it, incl.
  // upload/read-back, measured 0.034-0.037 ms vs this loop 0.046-0.051 on [8,256,8] over E, 0.039-0.072 vs
  // 0.038-0.055 on [1,2048,8]: no stable 1.3x (2-core VM, Node 20). Per device [1,256,8] the loop takes 0.004-0.011.
  const x = a.data;
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      // o < outer, s < size (> 0, checked above), i < inner: (o * size + s) * inner + i < x.length
      let best = x[o * size * inner + i]!;
      let at = 0;
      for (let s = 1; s < size && best === best; s++) {
        const v = x[(o * size + s) * inner + i]!; // in range, as above
        if (v > best || v !== v) { best = v; at = s; }
      }
      out[o * inner + i] = at;
    }
  }
  return makeArray('i32', ...dropAxis(a, axis), out);
}

/**
 * The k largest entries along `dim`, in descending order (equal values in increasing index
 * order): `dim` is replaced, at the same position, by `newDim` of size k. Returns values (a's
 * dtype) and indices (i32).
 */
export function topK(a: NDArray, dim: string, k: number, newDim: string): { values: NDArray; indices: NDArray } {
  const axis = axisOf(a, dim);
  const { outer, size, inner } = splitAround(a.shape, axis);
  if (!Number.isInteger(k) || k < 0 || k > size) throw new Error(`topK: k=${k} with '${dim}' of size ${size}`);
  if (newDim !== dim && a.dims.includes(newDim)) throw new Error(`topK: new dim '${newDim}' already exists`);
  if (!isFloat(a.dtype) && a.dtype !== 'i32') throw new Error(`topK on ${a.dtype}`);
  // A JS loop: tfjs-wasm TopK (one call, values and indices read back) measured 0.28-0.31 ms vs this loop
  // 0.21-0.23 for k=2 over E=8 of [1,2048,8] and [8,256,8] (2-core VM, Node 20).
  const x = a.data;
  const vals = allocData(a.dtype, outer * k * inner);
  const idx = new Int32Array(outer * k * inner);
  const topV = new Float64Array(k);
  const topI = new Int32Array(k);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let count = 0;
      for (let s = 0; s < size; s++) {
        // o < outer, s < size, i < inner: (o * size + s) * inner + i < x.length
        let v = x[(o * size + s) * inner + i]!;
        if (v !== v) v = Infinity; // NaN sorts first, as in lax.top_k
        if (count === k && !(v > topV[k - 1]!)) continue; // count === k > 0, so k - 1 < topV.length
        // insertion point: after every entry >= v, so earlier (lower) indices win ties
        let p = count < k ? count : k - 1;
        while (p > 0 && topV[p - 1]! < v) { // 0 < p < k = topV.length
          topV[p] = topV[p - 1]!; // 0 < p < k, as above
          topI[p] = topI[p - 1]!; // 0 < p < k, as above
          p--;
        }
        topV[p] = v;
        topI[p] = s;
        if (count < k) count++;
      }
      for (let j = 0; j < k; j++) {
        const at = (o * k + j) * inner + i;
        const s = topI[j]!; // j < k = topI.length; k <= size entries were seen, so all k are set
        idx[at] = s;
        vals[at] = x[(o * size + s) * inner + i]!; // s < size, so in range as above
      }
    }
  }
  const dims = a.dims.map((d, i) => (i === axis ? newDim : d));
  const shape = a.shape.map((s, i) => (i === axis ? k : s));
  return { values: makeArray(a.dtype, dims, shape, vals), indices: makeArray('i32', dims, shape, idx) };
}
