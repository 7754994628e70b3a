// Owns dropout's counter-based hash: each element's keep/drop depends only on the key and its
// global coordinates (dims in name order), so every layout, tiling and device count agrees, and
// the StableHLO and JAX lowerings compute the same bits.
import { allocData, makeArray, roundArrayToBf16, type NDArray } from '../ndarray.js';

/** murmur3's 32-bit finalizer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * x / (1 - rate) where u >= rate, else 0; u = (h >>> 8) / 2^24 with h = fmix32 folded over the
 * element's global coordinates (`offsets[d]` + local index) in dim-name order, seeded by `key`.
 */
export function dropout(
  x: NDArray, rate: number, key: number, offsets: Readonly<Record<string, number>> = {},
): NDArray {
  const r = x.dims.length;
  type Named = readonly [string, number];
  const byName = (a: Named, b: Named) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const order = x.dims.map((d, i) => [d, i] as const).sort(byName).map(([, i]) => i);
  const off = x.dims.map((d) => offsets[d] ?? 0);
  const scale = Math.fround(1 / (1 - rate));
  const n = x.data.length;
  const out = allocData(x.dtype, n, true);
  const idx = new Array<number>(r).fill(0);
  const seed = fmix32(key >>> 0);
  for (let i = 0; i < n; i++) {
    let h = seed;
    // every k (an axis, from order or the loop below) is < r = idx.length = off.length = x.shape.length
    for (const k of order) h = fmix32((h ^ (idx[k]! + off[k]!)) >>> 0);
    const u = (h >>> 8) / 16777216;
    out[i] = u >= rate ? x.data[i]! * scale : 0; // i < n = x.data.length
    for (let k = r - 1; k >= 0; k--) {
      if (++idx[k]! < x.shape[k]!) break; // k < r, as above
      idx[k] = 0;
    }
  }
  if (x.dtype === 'bf16') roundArrayToBf16(out as Float32Array);
  return makeArray(x.dtype, x.dims, x.shape, out);
}
