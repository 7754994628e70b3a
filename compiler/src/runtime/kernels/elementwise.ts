// Owns elementwise kernels: binary ops with broadcasting by dim name, unary math, and cast.
import type * as TF from '@tensorflow/tfjs-core';
import type { DType } from '../../ir/types.js';
import { allocData, isFloat, makeArray, roundArrayToBf16, strides, type NDArray, type TypedData } from '../ndarray.js';
import { at as atIndex } from '../../util/checked.js';
import { runWasm, upload, wasmFor } from './wasm-ops.js';

/**
 * One contiguous row of the broadcast-larger operand `x` (from xOff) against a strided run of the
 * other `y`; with `swapped`, x is the right operand (only order-sensitive ops care). Each op is its
 * own row loop, so the per-element work has no dispatch; `intMath` marks i32 operands.
 */
export type RowKernel = (
  x: TypedData, xOff: number, y: TypedData, yOff: number, yStr: number,
  out: TypedData, n: number, swapped: boolean, intMath: boolean,
) => void;

/**
 * How a binary kernel treats dtypes: `bool` gives a bool result; `boolOk` accepts bool operands.
 * `wasm` is the same op on tfjs-wasm for f32/bf16 operands (left, right in the op's order), used
 * when the backend runs.
 */
export interface BinarySpec {
  readonly name: string;
  readonly row: RowKernel;
  readonly boolResult?: boolean;
  readonly boolOk?: boolean;
  readonly wasm?: (tf: typeof TF, x: TF.Tensor, y: TF.Tensor) => TF.Tensor;
  /** The result's dtype when it is neither the operands' nor bool (lt/gt masks give f32 0/1). */
  readonly resultDtype?: DType;
}

/** `small`'s shape padded with 1s to `big`'s rank, when its dims appear in big in the same order (numpy style). */
function broadcastShape(big: NDArray, small: NDArray): number[] | undefined {
  let at = -1;
  for (const d of small.dims) {
    const i = big.dims.indexOf(d);
    if (i < at) return undefined;
    at = i;
  }
  return big.dims.map((d, i) => (small.dims.includes(d) ? atIndex(big.shape, i, 'shape') : 1));
}

/**
 * `a op b` with named broadcasting: the result has the dims (and order) of the operand whose dim
 * set contains the other's (`a` when the sets are equal); the other may hold its dims in any
 * order, and a rank-0 operand broadcasts everywhere. Both must share a dtype; `lt`/`gt` give
 * bool. i32 `div` truncates toward zero (division by zero gives 0 rather than trapping).
 */
export function mapBinary(spec: BinarySpec, a: NDArray, b: NDArray): NDArray {
  const op = spec.name;
  if (a.dtype !== b.dtype) throw new Error(`${op}: dtypes ${a.dtype} and ${b.dtype} differ`);
  if (a.dtype === 'bool' && !spec.boolOk) throw new Error(`${op} on bool: cast first`);
  const aCoversB = b.dims.every((d) => a.dims.includes(d));
  const bCoversA = a.dims.every((d) => b.dims.includes(d));
  if (!aCoversB && !bCoversA) {
    const dims = `[${a.dims.join(', ')}] and [${b.dims.join(', ')}]`;
    throw new Error(`${op}: dims ${dims} do not nest; neither broadcasts to the other`);
  }
  const big = aCoversB ? a : b;
  const small = aCoversB ? b : a;
  const swapped = !aCoversB; // operand order matters for sub/div/lt/gt
  for (const d of small.dims) {
    if (small.shape[small.dims.indexOf(d)] !== big.shape[big.dims.indexOf(d)]) {
      const left = a.shape[a.dims.indexOf(d)], right = b.shape[b.dims.indexOf(d)];
      throw new Error(`${op}: dim '${d}' is ${left} in the left operand and ${right} in the right`);
    }
  }
  const wasm = spec.wasm;
  const tf = wasm && isFloat(a.dtype) ? wasmFor(big) : undefined;
  const smallShape = tf ? broadcastShape(big, small) : undefined;
  if (wasm && tf && smallShape) {
    return runWasm(tf, a.dtype, big.dims, big.shape, () => {
      const x = upload(tf, big);
      const y = upload(tf, small, smallShape);
      return swapped ? wasm(tf, y, x) : wasm(tf, x, y);
    });
  }
  const outType: DType = spec.resultDtype ?? (spec.boolResult ? 'bool' : a.dtype);
  const out = allocData(outType, big.data.length, true);
  // stride in `small` of each of big's dims (0 where small lacks it), then adjacent dims merged where one
  // strided walk covers both: [B, L, M] against [M] is rows of B*L against one row of M, against a scalar
  // one row of everything (the row kernels run long loops instead of one call per innermost row)
  const sStr = strides(small.shape);
  const walk = mergedWalk(big.shape, big.dims.map((d) => {
    const i = small.dims.indexOf(d);
    return i < 0 ? 0 : atIndex(sStr, i, 'strides');
  }));
  const r = walk.shape.length;
  const inner = r === 0 ? 1 : atIndex(walk.shape, r - 1, 'shape');
  const innerStride = r === 0 ? 0 : atIndex(walk.stride, r - 1, 'stride');
  const rows = inner === 0 ? 0 : big.data.length / inner;
  const intMath = !isFloat(a.dtype);
  const counter = new Array<number>(Math.max(0, r - 1)).fill(0);
  const outerShape = walk.shape, smallStride = walk.stride;
  let sOff = 0;
  for (let row = 0; row < rows; row++) {
    spec.row(big.data, row * inner, small.data, sOff, innerStride, out, inner, swapped, intMath);
    for (let k = r - 2; k >= 0; k--) {
      // 0 <= k < r - 1: counter has r - 1 entries, smallStride and outerShape r
      counter[k]!++;
      sOff += smallStride[k]!; // k in range, as above
      if (counter[k]! < outerShape[k]!) break; // k in range, as above
      sOff -= smallStride[k]! * outerShape[k]!; // k in range, as above
      counter[k] = 0;
    }
  }
  if (outType === 'bf16') roundArrayToBf16(out as Float32Array);
  return makeArray(outType, big.dims, big.shape, out);
}

/**
 * The walk over a row-major `shape` with `stride` per dim in the other operand, with each dim merged into the
 * next inner one when a single stride steps through both (both 0, or outer = inner stride x inner size).
 */
function mergedWalk(shape: readonly number[], stride: readonly number[]): { shape: number[]; stride: number[] } {
  const outShape: number[] = [], outStride: number[] = [];
  for (let i = shape.length - 1; i >= 0; i--) {
    const size = atIndex(shape, i, 'shape'), st = atIndex(stride, i, 'stride');
    const n = outShape.length;
    if (n > 0 && st === outStride[0]! * outShape[0]!) outShape[0]! *= size; // n > 0: the inner group exists
    else {
      outShape.unshift(size);
      outStride.unshift(st);
    }
  }
  return { shape: outShape, stride: outStride };
}

// In every row kernel, j < n and mapBinary passes xOff + j < x.length, yOff + j * yStr < y.length,
// so the indexed reads below are defined (asserted rather than checked: these are the hot loops).
const addRow: RowKernel = (x, xOff, y, yOff, yStr, out, n) => {
  // in range: see the row kernel contract above
  for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! + y[yOff + j * yStr]!;
};
const mulRow: RowKernel = (x, xOff, y, yOff, yStr, out, n, _swapped, intMath) => {
  // in range: see the row kernel contract above
  if (intMath) for (let j = 0; j < n; j++) out[xOff + j] = Math.imul(x[xOff + j]!, y[yOff + j * yStr]!);
  else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! * y[yOff + j * yStr]!; // in range, as above
};
const maxRow: RowKernel = (x, xOff, y, yOff, yStr, out, n) => {
  for (let j = 0; j < n; j++) {
    // in range: see the row kernel contract above
    const p = x[xOff + j]!, q = y[yOff + j * yStr]!;
    out[xOff + j] = p !== p || q !== q ? NaN : p > q ? p : q;
  }
};
const subRow: RowKernel = (x, xOff, y, yOff, yStr, out, n, swapped) => {
  // in range: see the row kernel contract above
  if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! - x[xOff + j]!;
  else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! - y[yOff + j * yStr]!; // in range, as above
};
const divRow: RowKernel = (x, xOff, y, yOff, yStr, out, n, swapped, intMath) => {
  if (intMath) {
    for (let j = 0; j < n; j++) {
      // in range: see the row kernel contract above
      const p = x[xOff + j]!, q = y[yOff + j * yStr]!;
      const num = swapped ? q : p, den = swapped ? p : q;
      out[xOff + j] = den === 0 ? 0 : Math.trunc(num / den);
    }
  // in range: see the row kernel contract above
  } else if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! / x[xOff + j]!;
  else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! / y[yOff + j * yStr]!; // in range, as above
};
const ltRow: RowKernel = (x, xOff, y, yOff, yStr, out, n, swapped) => {
  // in range: see the row kernel contract above
  if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! < x[xOff + j]! ? 1 : 0;
  else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! < y[yOff + j * yStr]! ? 1 : 0; // as above
};
const gtRow: RowKernel = (x, xOff, y, yOff, yStr, out, n, swapped) => {
  // in range: see the row kernel contract above
  if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! > x[xOff + j]! ? 1 : 0;
  else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! > y[yOff + j * yStr]! ? 1 : 0; // as above
};

export const add = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'add', row: addRow, wasm: (tf, x, y) => tf.add(x, y) }, a, b);
export const sub = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'sub', row: subRow, wasm: (tf, x, y) => tf.sub(x, y) }, a, b);
export const mul = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'mul', row: mulRow, wasm: (tf, x, y) => tf.mul(x, y) }, a, b);
export const div = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'div', row: divRow, wasm: (tf, x, y) => tf.div(x, y) }, a, b);
/** NaN if either is NaN (tfjs-wasm's maximum propagates NaN too). */
export const maximum = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'max', row: maxRow, boolOk: true, wasm: (tf, x, y) => tf.maximum(x, y) }, a, b);
/** a < b as bool (the IR's lt is an f32 mask: ltMask). */
export const lt = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'lt', row: ltRow, boolResult: true, boolOk: true }, a, b);
export const gt = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'gt', row: gtRow, boolResult: true, boolOk: true }, a, b);
/**
 * a < b as an f32 0/1 mask (the IR's lt/gt: GShard multiplies by them), in one JS pass. Not on wasm:
 * tfjs-wasm's Less/Greater have no XNNPACK kernel and take a generic broadcast path, measured
 * 43 ms for [1,256,8,64] > a [1,1,1,1] zero (the top-2 gating's `combine > 0`) vs ~1-3 ms here.
 */
export const ltMask = (a: NDArray, b: NDArray) => maskOf(a, b, 'lt', ltRow);
export const gtMask = (a: NDArray, b: NDArray) => maskOf(a, b, 'gt', gtRow);

function maskOf(a: NDArray, b: NDArray, name: string, row: RowKernel): NDArray {
  if (!isFloat(a.dtype)) return cast(mapBinary({ name, row, boolResult: true, boolOk: true }, a, b), 'f32');
  return mapBinary({ name, row, boolResult: true, boolOk: true, resultDtype: 'f32' }, a, b);
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** A whole-buffer loop: writes f(x[i]) into out[i] for i < n. */
export type UnaryLoop = (x: TypedData, out: TypedData, n: number) => void;

/** The same unary op on tfjs-wasm, for f32/bf16 arrays when the backend runs. */
export type WasmUnary = (tf: typeof TF, x: TF.Tensor) => TF.Tensor;

/** Unary math on f32/bf16 (and on i32 when `intOk`); bf16 results are rounded to bf16. */
export function mapUnary(name: string, loop: UnaryLoop, a: NDArray, intOk = false, wasm?: WasmUnary): NDArray {
  if (a.dtype === 'bool' || (a.dtype === 'i32' && !intOk)) throw new Error(`${name} on ${a.dtype}: cast to f32 first`);
  const tf = wasm && isFloat(a.dtype) ? wasmFor(a) : undefined;
  if (wasm && tf) return runWasm(tf, a.dtype, a.dims, a.shape, () => wasm(tf, upload(tf, a)));
  const n = a.data.length;
  const out = allocData(a.dtype, n, true);
  loop(a.data, out, n);
  if (a.dtype === 'bf16') roundArrayToBf16(out as Float32Array);
  return makeArray(a.dtype, a.dims, a.shape, out);
}

/** max(x, 0), also on i32; NaN stays NaN (x > 0 is false, but we keep x rather than 0 when x !== x). */
// In every unary loop, i < n = x.length, so x[i] is defined.
export const relu = (a: NDArray) => mapUnary('relu', (x, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!; // i < n = x.length
    out[i] = v > 0 || v !== v ? v : 0;
  }
}, a, true, (tf, x) => tf.relu(x));
/**
 * The tanh approximation, jax.nn.gelu's default, 0.5 v (1 + tanh z), written as v / (1 + exp(-2z)) (the same
 * function: 0.5 (1 + tanh z) is the logistic of 2z). Math.exp is cheaper than Math.tanh in V8: 3.4-4.0 ms
 * against 5.6-6.5 ms for 262,144 elements (a device's [B, L, H] in bench/train.js), max rel difference 5.9e-8;
 * tfjs-wasm has no gelu, and its sigmoid composition measured 3.2-3.4 ms with 1.3e-6. In the far negative tail
 * this form keeps relative accuracy where 1 + tanh z cancels.
 */
export const gelu = (a: NDArray) => mapUnary('gelu', (x, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!; // i < n = x.length
    out[i] = v / (1 + Math.exp(-2 * SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
  }
}, a);
export const exp = (a: NDArray) => mapUnary('exp', (x, out, n) => {
  // i < n = x.length in these loops
  for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
}, a, false, (tf, x) => tf.exp(x));
export const log = (a: NDArray) => mapUnary('log', (x, out, n) => {
  // i < n = x.length
  for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
}, a, false, (tf, x) => tf.log(x));
export const tanh = (a: NDArray) => mapUnary('tanh', (x, out, n) => {
  // i < n = x.length
  for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
}, a, false, (tf, x) => tf.tanh(x));
/** -x, also on i32. */
export const neg = (a: NDArray) => mapUnary('neg', (x, out, n) => {
  // i < n = x.length
  for (let i = 0; i < n; i++) out[i] = -x[i]!;
}, a, true, (tf, x) => tf.neg(x));
/** Square root; NaN below zero, as IEEE (and XLA) say. */
export const sqrt = (a: NDArray) => mapUnary('sqrt', (x, out, n) => {
  // i < n = x.length
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]!);
}, a, false, (tf, x) => tf.sqrt(x));

/**
 * Converts dtype. Float -> i32 truncates toward zero (NaN -> 0, saturating at the i32 range, as
 * XLA does); -> bf16 rounds to nearest even; -> bool is `!= 0`; bool -> number is 0/1.
 */
export function cast(a: NDArray, dtype: DType): NDArray {
  const n = a.data.length;
  const out = allocData(dtype, n, true);
  const x = a.data;
  if (dtype === 'bool') {
    for (let i = 0; i < n; i++) out[i] = x[i] !== 0 ? 1 : 0; // NaN !== 0: true, as in C
  } else if (dtype === 'i32' && isFloat(a.dtype)) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!; // i < n = x.length
      out[i] = v !== v ? 0 : v >= 2147483647 ? 2147483647 : v <= -2147483648 ? -2147483648 : Math.trunc(v);
    }
  } else {
    out.set(x);
    if (dtype === 'bf16') roundArrayToBf16(out as Float32Array);
  }
  return makeArray(dtype, a.dims, a.shape, out);
}
