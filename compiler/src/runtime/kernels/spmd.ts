// Owns the local helpers a partitioned program needs: a device's slice of a dim, padding, masking padded positions.
import { axisOf, copyData, makeArray, sliceAlong, splitAround, padAlong, type NDArray } from '../ndarray.js';

/**
 * `size` entries of `dim` from `start`; positions past the end (or before 0) are zero. A device
 * takes its tile of a replicated tensor this way, and the last tile of an uneven dim comes out
 * padded.
 */
export function dynamicSlice(a: NDArray, dim: string, start: number, size: number): NDArray {
  return sliceAlong(a, dim, start, size, 0);
}

/** Grows `dim` to `newSize`, the new tail set to `value`. */
export function pad(a: NDArray, dim: string, newSize: number, value = 0): NDArray {
  return padAlong(a, dim, newSize, value);
}

/**
 * Positions >= validCount along `dim` are set to `fill` — 0 before a sum, -Infinity before a max
 * or softmax — so the padding of an uneven shard cannot leak into a reduction.
 */
export function mask(a: NDArray, dim: string, validCount: number, fill: number): NDArray {
  const { outer, size, inner } = splitAround(a.shape, axisOf(a, dim));
  const data = copyData(a.data);
  const from = Math.max(0, Math.min(size, validCount));
  if (from < size) {
    for (let o = 0; o < outer; o++) data.fill(fill, (o * size + from) * inner, (o + 1) * size * inner);
  }
  return makeArray(a.dtype, a.dims, a.shape, data);
}
