// Owns reductions over named dims (sum, mean, max), one dim at a time over flat memory, accumulating in f64.
import { at } from '../../util/checked.js';
import { allocData, axisOf, dropAxis, makeArray, roundArrayToBf16, splitAround, type NDArray } from '../ndarray.js';

export type ReduceOp = 'sum' | 'mean' | 'max';

/**
 * Reduces `a` over `dims` (result keeps the other dims in their order). Sums accumulate in f64
 * and round once, so a sharded partial sum followed by an all-reduce agrees with the global sum
 * to a few f32 ulps. `max` of an empty dim is -Infinity, sum 0, mean NaN.
 */
export function reduce(a: NDArray, op: ReduceOp, dims: readonly string[]): NDArray {
  if (a.dtype === 'bool' && op !== 'max') throw new Error(`reduce ${op} on bool: cast first`);
  if (new Set(dims).size !== dims.length) throw new Error(`reduce: repeated dim in [${dims.join(', ')}]`);
  for (const d of dims) axisOf(a, d);
  let count = 1;
  let cur = a;
  for (const d of dims) {
    count *= at(cur.shape, axisOf(cur, d), 'shape');
    cur = reduceOne(cur, op === 'max' ? 'max' : 'sum', d);
  }
  if (op === 'mean') {
    const data = cur === a ? cur.data.slice() : cur.data;
    if (a.dtype === 'i32') throw new Error('reduce mean on i32: cast to f32 first');
    for (let i = 0; i < data.length; i++) data[i] = data[i]! / count; // i < data.length
    if (a.dtype === 'bf16') roundArrayToBf16(data as Float32Array);
    cur = makeArray(a.dtype, cur.dims, cur.shape, data);
  }
  return cur === a ? makeArray(a.dtype, a.dims, a.shape, a.data.slice()) : cur;
}

function reduceOne(a: NDArray, op: 'sum' | 'max', dim: string): NDArray {
  const axis = axisOf(a, dim);
  const { outer, size, inner } = splitAround(a.shape, axis);
  const src = a.data;
  const acc = new Float64Array(outer * inner);
  if (op === 'max') acc.fill(-Infinity);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let s = 0; s < size; s++) {
      const base = (o * size + s) * inner;
      // i < inner: ob + i < outer * inner = acc.length and base + i < outer * size * inner = src.length
      if (op === 'sum') {
        for (let i = 0; i < inner; i++) acc[ob + i]! += src[base + i]!; // in range, as above
      } else {
        for (let i = 0; i < inner; i++) {
          const v = src[base + i]!; // in range, as above
          // NaN propagates, as in XLA's max
          if (v > acc[ob + i]! || v !== v) acc[ob + i] = v; // in range, as above
        }
      }
    }
  }
  const data = allocData(a.dtype, acc.length, true);
  data.set(acc); // typed-array conversion: f32 rounding, or i32 wrap-around as XLA's s32 add
  if (a.dtype === 'bf16') roundArrayToBf16(data as Float32Array);
  return makeArray(a.dtype, ...dropAxis(a, axis), data);
}
