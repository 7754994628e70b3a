// The runtime's value: a row-major array with named dims; constructors, copies along a dim, test comparisons.
import type { DType } from '../ir/types.js';
import { at } from '../util/checked.js';

/**
 * A dense row-major array with named dims. f32 and bf16 are stored in a Float32Array (bf16 values
 * hold bf16-representable numbers once they went through `cast`); i32 and bool in an Int32Array
 * (bool as 0/1). Kernels never mutate their inputs, so an NDArray may be shared freely.
 */
export interface NDArray {
  readonly dtype: DType;
  readonly dims: readonly string[];
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

export type TypedData = Float32Array | Int32Array;

/** True for the dtypes stored as Float32Array. */
export function isFloat(dtype: DType): boolean {
  return dtype === 'f32' || dtype === 'bf16';
}

/**
 * A zero-filled buffer for `n` elements. Reuses a buffer handed back by `recycle` when one of the
 * exact size is pooled: first touch of fresh pages costs ~16 µs per 4 KiB on the measured VM
 * (a fresh 32 MiB result ~130 ms), while zeroing a warm buffer runs at memory speed. With
 * `uninitialised`, a pooled buffer is returned as is (the caller overwrites every element).
 */
export function allocData(dtype: DType, n: number, uninitialised = false): TypedData {
  const float = isFloat(dtype);
  if (n >= POOL_MIN_ELEMENTS) {
    const list = (float ? f32Pool : i32Pool).get(n);
    const buf = list?.pop();
    if (buf) {
      pooledBytes -= n * 4;
      if (!uninitialised) buf.fill(0);
      return buf;
    }
  }
  return float ? new Float32Array(n) : new Int32Array(n);
}

/**
 * Buffers below this size are left to the GC. Not higher: a fresh 128 KiB Float32Array filled once
 * measured 0.38 ms of CPU against 0.006 ms for a reused one (first touch of its pages), and the
 * Transformer's per-device activations are 32-64 Ki elements.
 */
const POOL_MIN_ELEMENTS = 2048;
/** At most this many bytes wait in the pool; beyond it, recycled buffers are dropped. */
const POOL_MAX_BYTES = 1024 ** 3;
const f32Pool = new Map<number, Float32Array[]>();
const i32Pool = new Map<number, Int32Array[]>();
let pooledBytes = 0;

/**
 * Hands `a`'s buffer back for reuse by later kernels: call it when the value is dead. Only safe
 * when no other live NDArray shares the buffer — `reshape` and `rename` share their input's
 * data, so recycle a value only if none of its reshapes/renames is still live. Views into larger
 * buffers and small buffers are ignored.
 */
export function recycle(a: NDArray): void {
  const d = a.data;
  if (d.length < POOL_MIN_ELEMENTS || d.byteOffset !== 0 || d.byteLength !== d.buffer.byteLength) return;
  if (pooledBytes + d.byteLength > POOL_MAX_BYTES) return;
  const pool = (d instanceof Float32Array ? f32Pool : i32Pool) as Map<number, TypedData[]>;
  const list = pool.get(d.length) ?? [];
  if (list.includes(d)) throw new Error('recycle: buffer recycled twice');
  list.push(d);
  pool.set(d.length, list);
  pooledBytes += d.byteLength;
}

/**
 * A copy of `d` in a pooled buffer of the same element type: what `d.slice()` gives, without fresh
 * pages when a buffer of that size was recycled (collective results are copied once per device).
 */
export function copyData<T extends TypedData>(d: T): T {
  const out = allocLike(d);
  out.set(d);
  return out;
}

/** An uninitialised pooled buffer of `n` elements (default: d.length) with d's element type. */
export function allocLike<T extends TypedData>(d: T, n: number = d.length): T {
  return allocData(d instanceof Float32Array ? 'f32' : 'i32', n, true) as T;
}

/** Empties the buffer pool (for a caller that wants the memory back). */
export function drainPool(): void {
  f32Pool.clear();
  i32Pool.clear();
  pooledBytes = 0;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Checks names are unique and sizes non-negative integers; returns the element count. */
function checkDims(dims: readonly string[], shape: readonly number[]): number {
  if (dims.length !== shape.length) {
    throw new Error(`dims [${dims.join(', ')}] and shape [${shape.join(', ')}] differ in rank`);
  }
  if (new Set(dims).size !== dims.length) throw new Error(`duplicate dim name in [${dims.join(', ')}]`);
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw new Error(`bad dim size ${s} in [${shape.join(', ')}]`);
  }
  return sizeOf(shape);
}

/** Wraps existing data without copying (the caller hands the buffer over). */
export function makeArray(
  dtype: DType, dims: readonly string[], shape: readonly number[], data: TypedData,
): NDArray {
  const n = checkDims(dims, shape);
  if (data.length !== n) throw new Error(`data has ${data.length} elements, shape [${shape.join(', ')}] needs ${n}`);
  if (isFloat(dtype) !== (data instanceof Float32Array)) {
    throw new Error(`${dtype} data must be ${isFloat(dtype) ? 'Float32Array' : 'Int32Array'}`);
  }
  return { dtype, dims: [...dims], shape: [...shape], data };
}

export function zeros(dtype: DType, dims: readonly string[], shape: readonly number[]): NDArray {
  return makeArray(dtype, dims, shape, allocData(dtype, checkDims(dims, shape)));
}

export function full(dtype: DType, dims: readonly string[], shape: readonly number[], value: number): NDArray {
  const a = zeros(dtype, dims, shape);
  a.data.fill(value);
  return a;
}

/** Copies `values` (row-major) into a new array; bf16 values are rounded to bf16, booleans become 0/1. */
export function fromArray(
  dtype: DType, dims: readonly string[], shape: readonly number[], values: ArrayLike<number | boolean>,
): NDArray {
  const a = zeros(dtype, dims, shape);
  if (values.length !== a.data.length) throw new Error(`${values.length} values for shape [${shape.join(', ')}]`);
  const d = a.data;
  for (let i = 0; i < d.length; i++) d[i] = Number(values[i]);
  if (dtype === 'bf16') roundArrayToBf16(d as Float32Array);
  if (dtype === 'bool') for (let i = 0; i < d.length; i++) d[i] = d[i] !== 0 ? 1 : 0;
  return a;
}

export function scalar(value: number, dtype: DType = 'f32'): NDArray {
  return fromArray(dtype, [], [], [value]);
}

export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!; // i < shape.length
  }
  return s;
}

/** Position of a named dim; throws (naming the dims there are) when absent. */
export function axisOf(a: { readonly dims: readonly string[] }, dim: string): number {
  const i = a.dims.indexOf(dim);
  if (i < 0) throw new Error(`no dim '${dim}' in [${a.dims.join(', ')}]`);
  return i;
}

export function sizeAlong(a: NDArray, dim: string): number {
  return at(a.shape, axisOf(a, dim), 'shape');
}

/** Flat offset of an element given by name -> index. */
export function offsetOf(a: NDArray, index: Readonly<Record<string, number>>): number {
  const st = strides(a.shape);
  let off = 0;
  a.dims.forEach((dim, i) => {
    const k = index[dim];
    const size = at(a.shape, i, 'shape');
    if (k === undefined) throw new Error(`index misses dim '${dim}'`);
    if (k < 0 || k >= size) throw new RangeError(`index ${k} out of range for dim '${dim}' of size ${size}`);
    off += k * at(st, i, 'strides');
  });
  return off;
}

export function get(a: NDArray, index: Readonly<Record<string, number>>): number {
  return at(a.data, offsetOf(a, index), 'data');
}

/** The array as nested JS arrays (for messages and small tests). */
export function toNested(a: NDArray): unknown {
  const st = strides(a.shape);
  const rec = (axis: number, off: number): unknown => {
    if (axis === a.shape.length) return a.data[off];
    const step = at(st, axis, 'strides');
    return Array.from({ length: at(a.shape, axis, 'shape') }, (_, i) => rec(axis + 1, off + i * step));
  };
  return rec(0, 0);
}

/**
 * Splits a shape around one axis into (outer, size, inner) so kernels that work along a dim can
 * loop `outer x size x inner` over flat memory without per-element index arithmetic.
 */
export function splitAround(
  shape: readonly number[], axis: number,
): { outer: number; size: number; inner: number } {
  const size = at(shape, axis, 'splitAround axis');
  let outer = 1;
  let inner = 1;
  shape.forEach((s, i) => {
    if (i < axis) outer *= s;
    else if (i > axis) inner *= s;
  });
  return { outer, size, inner };
}

/** `a`'s dims and shape without `axis`: the layout of a result that reduces it away. */
export function dropAxis(a: NDArray, axis: number): [dims: string[], shape: number[]] {
  return [a.dims.filter((_, i) => i !== axis), a.shape.filter((_, i) => i !== axis)];
}

function withSize(shape: readonly number[], axis: number, size: number): number[] {
  const s = [...shape];
  s[axis] = size;
  return s;
}

/**
 * Copies `size` entries along `dim` starting at `start`. Entries outside the source (start < 0 or
 * past the end) are `fill` — this is what a padded shard needs.
 */
export function sliceAlong(a: NDArray, dim: string, start: number, size: number, fill = 0): NDArray {
  const axis = axisOf(a, dim);
  const { outer, size: n, inner } = splitAround(a.shape, axis);
  const out = zeros(a.dtype, a.dims, withSize(a.shape, axis, size));
  const src = a.data;
  const dst = out.data;
  const lo = Math.max(0, Math.min(size, -start));
  const hi = Math.max(lo, Math.min(size, n - start));
  if (fill !== 0) dst.fill(fill);
  for (let o = 0; o < outer; o++) {
    const s0 = (o * n + start + lo) * inner;
    dst.set(src.subarray(s0, s0 + (hi - lo) * inner), (o * size + lo) * inner);
  }
  return out;
}

/**
 * Copies the block of `block` sizes starting at `srcStart` in `src` (row-major `srcShape`) to `dstStart` in `dst`
 * (row-major `dstShape`), one contiguous run per innermost row; trailing dims the block spans whole in both arrays
 * are merged into longer runs. Collectives move chunks with it instead of slicing then concatenating.
 */
export function copyBlock(
  src: TypedData, srcShape: readonly number[], srcStart: readonly number[],
  dst: TypedData, dstShape: readonly number[], dstStart: readonly number[], block: readonly number[],
): void {
  const sStr = strides(srcShape), dStr = strides(dstShape);
  const r0 = block.length;
  // every array argument and both strides have one entry per dim, so index i < r0 is in range below
  let sOff = 0, dOff = 0;
  for (let i = 0; i < r0; i++) sOff += srcStart[i]! * sStr[i]!; // i < r0, see above
  for (let i = 0; i < r0; i++) dOff += dstStart[i]! * dStr[i]!; // i < r0, see above
  if (block.some((b) => b === 0)) return;
  let r = r0;
  let run = r === 0 ? 1 : at(block, r - 1, 'block');
  // while the innermost block dim is whole in both arrays, the next one out continues the same run
  while (r >= 2 && block[r - 1] === srcShape[r - 1] && block[r - 1] === dstShape[r - 1]) {
    r--;
    run *= at(block, r - 1, 'block');
  }
  const outer = r <= 1 ? 1 : block.slice(0, r - 1).reduce((p, b) => p * b, 1);
  const idx = new Array<number>(Math.max(0, r - 1)).fill(0);
  for (let t = 0; t < outer; t++) {
    dst.set(src.subarray(sOff, sOff + run), dOff);
    for (let d = r - 2; d >= 0; d--) {
      // 0 <= d < r - 1 < r0: idx, block and both strides have an entry at d, so the `!`s below hold
      const next = idx[d]! + 1;
      sOff += sStr[d]!; // d in range, as above
      dOff += dStr[d]!; // d in range, as above
      if (next < block[d]!) { idx[d] = next; break; } // d in range, as above
      sOff -= sStr[d]! * block[d]!; // d in range, as above
      dOff -= dStr[d]! * block[d]!; // d in range, as above
      idx[d] = 0;
    }
  }
}

/** Concatenates along `dim`; all arrays must have the same dtype, dims (same order) and other sizes. */
export function concatAlong(arrays: readonly NDArray[], dim: string): NDArray {
  const [first] = arrays;
  if (!first) throw new Error('concatAlong of no arrays');
  const axis = axisOf(first, dim);
  for (const x of arrays) {
    if (x.dtype !== first.dtype || x.dims.join() !== first.dims.join()) {
      throw new Error(`concatAlong: ${x.dtype}[${x.dims.join(', ')}] vs ${first.dtype}[${first.dims.join(', ')}]`);
    }
    if (x.shape.some((s, i) => i !== axis && s !== first.shape[i])) {
      const shapes = `[${x.shape.join(', ')}] and [${first.shape.join(', ')}]`;
      throw new Error(`concatAlong '${dim}': shapes ${shapes} differ off the concat dim`);
    }
  }
  // every array has first's dims, so `axis` is in range for each
  const sizes = arrays.map((x) => at(x.shape, axis, 'shape'));
  const total = sizes.reduce((t, s) => t + s, 0);
  const out = zeros(first.dtype, first.dims, withSize(first.shape, axis, total));
  const { outer, inner } = splitAround(first.shape, axis);
  let start = 0;
  arrays.forEach((x, k) => {
    const size = at(sizes, k, 'sizes');
    const chunk = size * inner;
    for (let o = 0; o < outer; o++) {
      out.data.set(x.data.subarray(o * chunk, (o + 1) * chunk), o * total * inner + start * inner);
    }
    start += size;
  });
  return out;
}

/** Grows `dim` to `newSize`, filling the new tail with `value` (newSize must not shrink). */
export function padAlong(a: NDArray, dim: string, newSize: number, value = 0): NDArray {
  const n = sizeAlong(a, dim);
  if (newSize < n) throw new Error(`padAlong '${dim}': new size ${newSize} < current ${n}`);
  return sliceAlong(a, dim, 0, newSize, value);
}

function checkComparable(actual: NDArray, expected: NDArray): void {
  if (actual.dims.join() !== expected.dims.join() || actual.shape.join() !== expected.shape.join()) {
    const side = (a: NDArray) => `[${a.dims.join(', ')}]=[${a.shape.join(', ')}]`;
    throw new Error(`compare: ${side(actual)} vs ${side(expected)}`);
  }
}

/** max |actual - expected| (Infinity where one is NaN and the other is not, or infinities differ). */
export function maxAbsDiff(actual: NDArray, expected: NDArray): number {
  checkComparable(actual, expected);
  let m = 0;
  for (let i = 0; i < actual.data.length; i++) {
    // same shapes (checked above), so both have i < actual.data.length elements
    const x = actual.data[i]!;
    const y = expected.data[i]!; // the same i, in range by the same shape
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    const d = Math.abs(x - y);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/** maxAbsDiff divided by the reference's max |value| (so 1e-5 means "1e-5 of the tensor's scale"). */
export function maxRelDiff(actual: NDArray, expected: NDArray): number {
  const d = maxAbsDiff(actual, expected);
  if (d === 0) return 0;
  let scale = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const v = Math.abs(expected.data[i]!); // i < expected.data.length
    if (v > scale && v !== Infinity) scale = v;
  }
  return scale === 0 ? d : d / scale;
}

/** Exact equality of dtype, dims, shape and data (NaN equals NaN). */
export function arraysEqual(a: NDArray, b: NDArray): boolean {
  const sameLayout = a.dtype === b.dtype && a.dims.join() === b.dims.join() && a.shape.join() === b.shape.join();
  return sameLayout && maxAbsDiff(a, b) === 0;
}

/** `f32[G=2, S=3]`, for messages. */
export function describe(a: NDArray): string {
  return `${a.dtype}[${a.dims.map((d, i) => `${d}=${a.shape[i]}`).join(', ')}]`;
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** Rounds one f32 to the nearest bf16 (ties to even), as a TPU's f32 -> bf16 convert does. NaN stays NaN. */
export function roundToBf16(x: number): number {
  f32Scratch[0] = x;
  const bits = u32Scratch[0]!; // the scratch holds one element
  if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x007fffff) !== 0) return NaN;
  const rounded = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
  u32Scratch[0] = rounded >>> 0;
  return f32Scratch[0]!; // the scratch holds one element
}

/** In-place bf16 rounding of a whole buffer (uses a Uint32 view, no per-element allocation). */
export function roundArrayToBf16(d: Float32Array): void {
  const u = new Uint32Array(d.buffer, d.byteOffset, d.length);
  for (let i = 0; i < u.length; i++) {
    const bits = u[i]!; // i < u.length
    if ((bits & 0x7f800000) === 0x7f800000) {
      // a quiet NaN, whatever the low bits were
      if ((bits & 0x007fffff) !== 0) u[i] = ((bits & 0xffff0000) | 0x00400000) >>> 0;
      continue;
    }
    u[i] = ((bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000) >>> 0;
  }
}
