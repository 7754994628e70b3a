// Owns the elementwise math added for decoder models: abs, rsqrt, square, sigmoid, silu, pow with
// a scalar exponent, and the elementwise minimum.
import { mapBinary, mapUnary, type RowKernel } from './elementwise.js';
import type { NDArray } from '../ndarray.js';

/** |x|, also on i32. */
// In every unary loop here, i < n = x.length, so x[i] is defined.
export const abs = (a: NDArray) => mapUnary('abs', (x, out, n) => {
  for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!); // i < n = x.length
}, a, true);
/** 1 / sqrt(x): Infinity at 0, NaN below zero. */
export const rsqrt = (a: NDArray) => mapUnary('rsqrt', (x, out, n) => {
  for (let i = 0; i < n; i++) out[i] = 1 / Math.sqrt(x[i]!); // i < n = x.length
}, a, false, (tf, x) => tf.rsqrt(x));
/** x * x, also on i32 (wrapping as XLA's s32 multiply does). */
export const square = (a: NDArray) => mapUnary('square', (x, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!; // i < n = x.length
    out[i] = v * v;
  }
}, a, false, (tf, x) => tf.square(x));
/** 1 / (1 + e^-x). */
export const sigmoid = (a: NDArray) => mapUnary('sigmoid', (x, out, n) => {
  for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]!)); // i < n = x.length
}, a, false, (tf, x) => tf.sigmoid(x));
/** x * sigmoid(x) (SiLU, the swish of SwiGLU). */
export const silu = (a: NDArray) => mapUnary('silu', (x, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!; // i < n = x.length
    out[i] = v / (1 + Math.exp(-v));
  }
}, a, false, (tf, x) => tf.mul(x, tf.sigmoid(x)));
/** x ** p for a scalar exponent p (Math.pow: NaN for a negative base and a fractional p). */
export const powScalar = (a: NDArray, p: number) => mapUnary('pow', (x, out, n) => {
  for (let i = 0; i < n; i++) out[i] = Math.pow(x[i]!, p); // i < n = x.length
}, a);

const minRow: RowKernel = (x, xOff, y, yOff, yStr, out, n) => {
  for (let j = 0; j < n; j++) {
    // in range by the row kernel contract (elementwise.ts): xOff + j < x.length, yOff + j * yStr < y.length
    const p = x[xOff + j]!, q = y[yOff + j * yStr]!;
    out[xOff + j] = p !== p || q !== q ? NaN : p < q ? p : q;
  }
};
/** Elementwise minimum with named broadcasting; NaN if either is NaN (as XLA's minimum). */
export const minimum = (a: NDArray, b: NDArray) =>
  mapBinary({ name: 'min', row: minRow, boolOk: true, wasm: (tf, x, y) => tf.minimum(x, y) }, a, b);
