// Owns the kernels that only rename or relayout: transpose by names, reshape, rename.
import { at } from '../../util/checked.js';
import { axisOf, copyData, makeArray, sizeOf, type NDArray } from '../ndarray.js';
import { isIdentityLayout, permuteData } from './permute.js';

/** Reorders dims to `newOrder` (a permutation of a's dim names), moving the data. */
export function transpose(a: NDArray, newOrder: readonly string[]): NDArray {
  if (newOrder.length !== a.dims.length || new Set(newOrder).size !== newOrder.length) {
    throw new Error(`transpose [${a.dims.join(', ')}] -> [${newOrder.join(', ')}]: not a permutation`);
  }
  const perm = newOrder.map((d) => axisOf(a, d));
  const shape = perm.map((p) => at(a.shape, p, 'shape'));
  const data = isIdentityLayout(a.shape, perm) ? copyData(a.data) : permuteData(a.data, a.shape, perm);
  return makeArray(a.dtype, newOrder, shape, data);
}

/** Same row-major data under new dims and shape (same element count); shares the buffer: kernels never mutate. */
export function reshape(a: NDArray, newDims: readonly string[], newShape: readonly number[]): NDArray {
  if (sizeOf(newShape) !== a.data.length) {
    const from = `[${a.shape.join(', ')}] (${a.data.length} elements)`;
    throw new Error(`reshape ${from} -> [${newShape.join(', ')}] (${sizeOf(newShape)})`);
  }
  return makeArray(a.dtype, newDims, newShape, a.data);
}

/** Renames one dim (`from` -> `to`), or several with a map; data shared. */
export function rename(a: NDArray, from: string | Readonly<Record<string, string>>, to?: string): NDArray {
  const map: Readonly<Record<string, string>> = typeof from === 'string' ? { [from]: to ?? from } : from;
  for (const d of Object.keys(map)) axisOf(a, d);
  return makeArray(a.dtype, a.dims.map((d) => map[d] ?? d), a.shape, a.data);
}
