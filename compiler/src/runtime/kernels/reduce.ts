// Owns reductions over named dims (sum, mean, max), one dim at a time: tfjs-wasm along the innermost dim, else f64 JS.
import { at } from '../../util/checked.js';
import {
  allocData, axisOf, copyData, dropAxis, isFloat, makeArray, recycle, roundArrayToBf16, splitAround, type NDArray,
} from '../ndarray.js';
import { scratchF64 } from './scratch.js';
import { runWasm, upload, wasmFor } from './wasm-ops.js';

export type ReduceOp = 'sum' | 'mean' | 'max';

/**
 * Reduces `a` over `dims` (result keeps the other dims in their order). The JS loop accumulates
 * sums in f64 and rounds once; an f32/bf16 reduction along the innermost dim of a large array runs
 * on tfjs-wasm instead, which accumulates in f32 (see reduceOne). `max` of an empty dim is
 * -Infinity, sum 0, mean NaN.
 */
export function reduce(a: NDArray, op: ReduceOp, dims: readonly string[]): NDArray {
  if (a.dtype === 'bool' && op !== 'max') throw new Error(`reduce ${op} on bool: cast first`);
  if (new Set(dims).size !== dims.length) throw new Error(`reduce: repeated dim in [${dims.join(', ')}]`);
  for (const d of dims) axisOf(a, d);
  let count = 1;
  // dims on adjacent axes reduce as one (over [B, L, M], B and L are one pass over B*L rows, no intermediate)
  const merged = mergeAdjacent(a, dims);
  const start = merged ?? a;
  let cur = start;
  for (const d of merged ? [MERGED] : dims) {
    count *= at(cur.shape, axisOf(cur, d), 'shape');
    const next = reduceOne(cur, op === 'max' ? 'max' : 'sum', d);
    if (cur !== start) recycle(cur); // an intermediate of this call: back to the pool
    cur = next;
  }
  if (op === 'mean') {
    const data = cur === a ? copyData(cur.data) : cur.data;
    if (a.dtype === 'i32') throw new Error('reduce mean on i32: cast to f32 first');
    for (let i = 0; i < data.length; i++) data[i] = data[i]! / count; // i < data.length
    if (a.dtype === 'bf16') roundArrayToBf16(data as Float32Array);
    cur = makeArray(a.dtype, cur.dims, cur.shape, data);
  }
  return cur === a ? makeArray(a.dtype, a.dims, a.shape, copyData(a.data)) : cur;
}

/** The name of the one dim that stands for several adjacent reduced dims (no user dim has a NUL in its name). */
const MERGED = '\0reduced';

/**
 * When `dims` (two or more) sit on adjacent axes of `a`, a view of `a` (same data) with them as one dim, MERGED;
 * otherwise undefined.
 */
function mergeAdjacent(a: NDArray, dims: readonly string[]): NDArray | undefined {
  if (dims.length < 2) return undefined;
  const axes = dims.map((d) => axisOf(a, d)).sort((x, y) => x - y);
  const lo = at(axes, 0, 'axes'), hi = at(axes, axes.length - 1, 'axes');
  if (hi - lo + 1 !== axes.length) return undefined;
  const size = axes.reduce((p, ax) => p * at(a.shape, ax, 'shape'), 1);
  const viewDims = [...a.dims.slice(0, lo), MERGED, ...a.dims.slice(hi + 1)];
  const viewShape = [...a.shape.slice(0, lo), size, ...a.shape.slice(hi + 1)];
  return makeArray(a.dtype, viewDims, viewShape, a.data);
}

function reduceOne(a: NDArray, op: 'sum' | 'max', dim: string): NDArray {
  const axis = axisOf(a, dim);
  const { outer, size, inner } = splitAround(a.shape, axis);
  // tfjs-wasm Sum/Max, upload and read-back included, measured (ms, this loop vs wasm; 2-core VM, Node 20):
  // innermost dim: [2,128,256] over 256 sum 0.22-0.24 vs 0.05-0.08, max 0.15-0.29 vs 0.05-0.10; [2,4,128,128]
  // over 128 sum 0.43-0.47 vs 0.06-0.10, max 0.35-0.39 vs 0.11-0.15; [16,4,128,128] sum 3.5 vs 0.47. Not along an
  // outer dim, which tfjs transposes first: [2,4,128,128] over dim 2 sum 0.21-0.25 vs 0.34-0.47. Wasm sums
  // accumulate in f32, not f64 (max is exact, NaN propagates in both); the runtime/exec tests' tolerances hold.
  const tf = inner === 1 && size > 0 && isFloat(a.dtype) ? wasmFor(a) : undefined;
  if (tf) {
    const [dims, shape] = dropAxis(a, axis);
    return runWasm(tf, a.dtype, dims, shape, () => (op === 'sum' ? tf.sum : tf.max)(upload(tf, a, [outer, size]), 1));
  }
  const src = a.data;
  const acc = scratchF64(1, outer * inner); // zeroed, reused: a fresh one paid first touch of its pages per call
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
