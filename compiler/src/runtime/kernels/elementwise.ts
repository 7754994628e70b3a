// Owns elementwise kernels: binary ops with broadcasting by dim name, unary math, and cast.
import type { DType } from '../../ir/types.js';
import { allocData, isFloat, makeArray, roundArrayToBf16, strides, type NDArray, type TypedData } from '../ndarray.js';

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'lt' | 'gt';
export type UnaryOp = 'relu' | 'gelu' | 'exp' | 'log' | 'tanh' | 'neg';

export const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'max', 'lt', 'gt'];
export const UNARY_OPS: readonly UnaryOp[] = ['relu', 'gelu', 'exp', 'log', 'tanh', 'neg'];

/**
 * `a op b` with named broadcasting: the result has the dims (and order) of the operand whose dim
 * set contains the other's (`a` when the sets are equal); the other may hold its dims in any
 * order, and a rank-0 operand broadcasts everywhere. Both must share a dtype; `lt`/`gt` give
 * bool. i32 `div` truncates toward zero (division by zero gives 0 rather than trapping).
 */
export function binary(op: BinaryOp, a: NDArray, b: NDArray): NDArray {
  if (a.dtype !== b.dtype) throw new Error(`${op}: dtypes ${a.dtype} and ${b.dtype} differ`);
  if (a.dtype === 'bool' && op !== 'max' && op !== 'lt' && op !== 'gt') throw new Error(`${op} on bool: cast first`);
  const aCoversB = b.dims.every((d) => a.dims.includes(d));
  const bCoversA = a.dims.every((d) => b.dims.includes(d));
  if (!aCoversB && !bCoversA) throw new Error(`${op}: dims [${a.dims.join(', ')}] and [${b.dims.join(', ')}] do not nest; neither broadcasts to the other`);
  const big = aCoversB ? a : b;
  const small = aCoversB ? b : a;
  const swapped = !aCoversB; // operand order matters for sub/div/lt/gt
  for (const d of small.dims) {
    if (small.shape[small.dims.indexOf(d)] !== big.shape[big.dims.indexOf(d)]) {
      throw new Error(`${op}: dim '${d}' is ${a.shape[a.dims.indexOf(d)]} in the left operand and ${b.shape[b.dims.indexOf(d)]} in the right`);
    }
  }
  const outType: DType = op === 'lt' || op === 'gt' ? 'bool' : a.dtype;
  const out = allocData(outType, big.data.length, true);
  const r = big.dims.length;
  // stride in `small` of each of big's dims (0 where small lacks it)
  const sStr = strides(small.shape);
  const smallStride = big.dims.map((d) => {
    const i = small.dims.indexOf(d);
    return i < 0 ? 0 : sStr[i]!;
  });
  const inner = r === 0 ? 1 : big.shape[r - 1]!;
  const innerStride = r === 0 ? 0 : smallStride[r - 1]!;
  const rows = inner === 0 ? 0 : big.data.length / inner;
  const intMath = !isFloat(a.dtype);
  const counter = new Array<number>(Math.max(0, r - 1)).fill(0);
  let sOff = 0;
  for (let row = 0; row < rows; row++) {
    applyRow(op, big.data, row * inner, small.data, sOff, innerStride, out, inner, swapped, intMath);
    for (let k = r - 2; k >= 0; k--) {
      counter[k]!++;
      sOff += smallStride[k]!;
      if (counter[k]! < big.shape[k]!) break;
      sOff -= smallStride[k]! * big.shape[k]!;
      counter[k] = 0;
    }
  }
  if (outType === 'bf16') roundArrayToBf16(out as Float32Array);
  return makeArray(outType, big.dims, big.shape, out);
}

/** One contiguous row of `big` against a strided run of `small`; the op switch sits outside the loop. */
function applyRow(
  op: BinaryOp, x: TypedData, xOff: number, y: TypedData, yOff: number, yStr: number,
  out: TypedData, n: number, swapped: boolean, intMath: boolean,
): void {
  // with `swapped`, x is the right operand: only order-sensitive ops need to care
  switch (op) {
    case 'add':
      for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! + y[yOff + j * yStr]!;
      return;
    case 'mul':
      if (intMath) for (let j = 0; j < n; j++) out[xOff + j] = Math.imul(x[xOff + j]!, y[yOff + j * yStr]!);
      else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! * y[yOff + j * yStr]!;
      return;
    case 'max':
      for (let j = 0; j < n; j++) {
        const p = x[xOff + j]!, q = y[yOff + j * yStr]!;
        out[xOff + j] = p !== p || q !== q ? NaN : p > q ? p : q;
      }
      return;
    case 'sub':
      if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! - x[xOff + j]!;
      else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! - y[yOff + j * yStr]!;
      return;
    case 'div':
      if (intMath) {
        for (let j = 0; j < n; j++) {
          const p = x[xOff + j]!, q = y[yOff + j * yStr]!;
          const num = swapped ? q : p, den = swapped ? p : q;
          out[xOff + j] = den === 0 ? 0 : Math.trunc(num / den);
        }
      } else if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! / x[xOff + j]!;
      else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! / y[yOff + j * yStr]!;
      return;
    case 'lt':
      if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! < x[xOff + j]! ? 1 : 0;
      else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! < y[yOff + j * yStr]! ? 1 : 0;
      return;
    case 'gt':
      if (swapped) for (let j = 0; j < n; j++) out[xOff + j] = y[yOff + j * yStr]! > x[xOff + j]! ? 1 : 0;
      else for (let j = 0; j < n; j++) out[xOff + j] = x[xOff + j]! > y[yOff + j * yStr]! ? 1 : 0;
      return;
  }
}

export const add = (a: NDArray, b: NDArray) => binary('add', a, b);
export const sub = (a: NDArray, b: NDArray) => binary('sub', a, b);
export const mul = (a: NDArray, b: NDArray) => binary('mul', a, b);
export const div = (a: NDArray, b: NDArray) => binary('div', a, b);
export const maximum = (a: NDArray, b: NDArray) => binary('max', a, b);
export const lt = (a: NDArray, b: NDArray) => binary('lt', a, b);
export const gt = (a: NDArray, b: NDArray) => binary('gt', a, b);

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Unary math on f32/bf16 (`neg` and `relu` also on i32). gelu is the tanh approximation, jax.nn.gelu's default. */
export function unary(op: UnaryOp, a: NDArray): NDArray {
  const intOk = op === 'neg' || op === 'relu';
  if (a.dtype === 'bool' || (a.dtype === 'i32' && !intOk)) throw new Error(`${op} on ${a.dtype}: cast to f32 first`);
  const x = a.data;
  const n = x.length;
  const out = allocData(a.dtype, n, true);
  switch (op) {
    case 'relu':
      // NaN stays NaN (x > 0 is false, but we keep x rather than 0 when x !== x)
      for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 || v !== v ? v : 0; }
      break;
    case 'gelu':
      for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))); }
      break;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      break;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      break;
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      break;
  }
  if (a.dtype === 'bf16') roundArrayToBf16(out as Float32Array);
  return makeArray(a.dtype, a.dims, a.shape, out);
}

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
      const v = x[i]!;
      out[i] = v !== v ? 0 : v >= 2147483647 ? 2147483647 : v <= -2147483648 ? -2147483648 : Math.trunc(v);
    }
  } else {
    out.set(x);
    if (dtype === 'bf16') roundArrayToBf16(out as Float32Array);
  }
  return makeArray(dtype, a.dims, a.shape, out);
}
