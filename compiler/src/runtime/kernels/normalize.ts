// Owns the normalising kernels: softmax, log-softmax, RMS norm, logsumexp along a dim; layer norm over dims.
import { at } from '../../util/checked.js';
import {
  allocData, axisOf, dropAxis, isFloat, makeArray, roundArrayToBf16, splitAround, type NDArray,
} from '../ndarray.js';
import { permuteData } from './permute.js';
import { runWasm, upload, wasmFor } from './wasm-ops.js';

function requireFloat(a: NDArray, op: string): void {
  if (!isFloat(a.dtype)) throw new Error(`${op} on ${a.dtype}: cast to f32 first`);
}

/**
 * For one outer block (the `size x inner` values from `base`), the max along the dim into `mx`
 * (NaN if any is NaN) and the sum of exp(x - max) into `sum`, each per inner position.
 */
function maxAndSumExp(
  x: Float32Array | Int32Array, base: number, size: number, inner: number, mx: Float64Array, sum: Float64Array,
): void {
  mx.fill(-Infinity);
  sum.fill(0);
  for (let s = 0; s < size; s++) {
    const b = base + s * inner;
    for (let i = 0; i < inner; i++) {
      // i < inner = mx.length, and b + i < base + size * inner <= x.length
      const v = x[b + i]!;
      if (v > mx[i]! || v !== v) mx[i] = v; // i < inner = mx.length
    }
  }
  for (let s = 0; s < size; s++) {
    const b = base + s * inner;
    // i < inner = mx.length = sum.length, and b + i < x.length, as above
    for (let i = 0; i < inner; i++) sum[i]! += Math.exp(x[b + i]! - mx[i]!);
  }
}

/** exp(x - max) / sum along `dim`; with `log`, (x - max) - log(sum). Rows of all -Infinity give NaN, as in jax. */
function softmaxImpl(a: NDArray, dim: string, log: boolean): NDArray {
  requireFloat(a, log ? 'logSoftmax' : 'softmax');
  const { outer, size, inner } = splitAround(a.shape, axisOf(a, dim));
  const tf = wasmFor(a);
  if (tf && inner === 1 && size > 0) {
    // the dim is innermost: XNNPACK's softmax over rows (all -Infinity or NaN rows give NaN, as the loop
    // below)
    return runWasm(tf, a.dtype, a.dims, a.shape, () => {
      const x = upload(tf, a, [outer, size]);
      return log ? tf.logSoftmax(x) : tf.softmax(x);
    });
  }
  const x = a.data;
  const out = allocData(a.dtype, x.length, true) as Float32Array;
  const mx = new Float64Array(inner);
  const sum = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    maxAndSumExp(x, base, size, inner, mx, sum);
    // below, i < inner = mx.length = sum.length, and b + i < base + size * inner <= x.length
    if (log) {
      for (let i = 0; i < inner; i++) sum[i] = Math.log(sum[i]!); // i < inner, as above
      for (let s = 0; s < size; s++) {
        const b = base + s * inner;
        for (let i = 0; i < inner; i++) out[b + i] = x[b + i]! - mx[i]! - sum[i]!; // in range, as above
      }
    } else {
      for (let s = 0; s < size; s++) {
        const b = base + s * inner;
        for (let i = 0; i < inner; i++) out[b + i] = Math.exp(x[b + i]! - mx[i]!) / sum[i]!; // as above
      }
    }
  }
  if (a.dtype === 'bf16') roundArrayToBf16(out);
  return makeArray(a.dtype, a.dims, a.shape, out);
}

export function softmax(a: NDArray, dim: string): NDArray {
  return softmaxImpl(a, dim, false);
}

export function logSoftmax(a: NDArray, dim: string): NDArray {
  return softmaxImpl(a, dim, true);
}

/**
 * (x - mean) / sqrt(var + eps) with mean and (biased) variance over `dims`; no scale or bias (the
 * compiler multiplies those in as ordinary ops). Dims not at the end are moved there and back.
 */
export function layerNorm(a: NDArray, dims: readonly string[], eps = 1e-6): NDArray {
  requireFloat(a, 'layerNorm');
  if (dims.length === 0) throw new Error('layerNorm over no dims');
  const axes = dims.map((d) => axisOf(a, d));
  const rest = a.dims.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...rest, ...axes];
  const moved = perm.some((p, i) => p !== i);
  const row = axes.reduce((n, ax) => n * at(a.shape, ax, 'shape'), 1);
  const tf = wasmFor(a);
  if (tf && !moved && row > 0) {
    // the dims are innermost: mean and variance per row on wasm (f32 sums), then one fused scale
    return runWasm(tf, a.dtype, a.dims, a.shape, () => {
      const x = upload(tf, a, [a.data.length / row, row]);
      const { mean, variance } = tf.moments(x, 1, true);
      return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, tf.scalar(eps))));
    });
  }
  const x = moved ? permuteData(a.data as Float32Array, a.shape, perm) : (a.data as Float32Array);
  const rows = row === 0 ? 0 : x.length / row;
  const y = allocData(a.dtype, x.length, true) as Float32Array;
  for (let r = 0; r < rows; r++) {
    const b = r * row;
    let s = 0;
    // r < rows and i < row, so b + i < rows * row = x.length in these loops
    for (let i = 0; i < row; i++) s += x[b + i]!;
    const mean = s / row;
    let v = 0;
    for (let i = 0; i < row; i++) {
      const d = x[b + i]! - mean; // in range, as above
      v += d * d;
    }
    const inv = 1 / Math.sqrt(v / row + eps);
    for (let i = 0; i < row; i++) y[b + i] = (x[b + i]! - mean) * inv; // in range, as above
  }
  let out = y;
  if (moved) {
    const permShape = perm.map((p) => at(a.shape, p, 'shape'));
    const inverse = perm.map((_, i) => perm.indexOf(i));
    out = permuteData(y, permShape, inverse);
  }
  if (a.dtype === 'bf16') roundArrayToBf16(out);
  return makeArray(a.dtype, a.dims, a.shape, out);
}

/** x / sqrt(mean(x^2 along `dim`) + eps); no scale (the compiler multiplies it in as an ordinary op). */
export function rmsNorm(a: NDArray, dim: string, eps = 1e-6): NDArray {
  requireFloat(a, 'rmsNorm');
  const { outer, size, inner } = splitAround(a.shape, axisOf(a, dim));
  const x = a.data;
  const out = allocData(a.dtype, x.length, true) as Float32Array; // pooled: every element is written below
  const ss = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    ss.fill(0);
    for (let s = 0; s < size; s++) {
      const b = base + s * inner;
      for (let i = 0; i < inner; i++) {
        const v = x[b + i]!; // i < inner = ss.length, and b + i < base + size * inner <= x.length
        ss[i]! += v * v; // i < inner = ss.length
      }
    }
    for (let i = 0; i < inner; i++) ss[i] = 1 / Math.sqrt(ss[i]! / size + eps); // indices in range
    for (let s = 0; s < size; s++) {
      const b = base + s * inner;
      for (let i = 0; i < inner; i++) out[b + i] = x[b + i]! * ss[i]!; // indices in range
    }
  }
  if (a.dtype === 'bf16') roundArrayToBf16(out);
  return makeArray(a.dtype, a.dims, a.shape, out);
}

/**
 * max + log(sum(exp(x - max))) along `dim`, which the result drops; a row of all -Infinity gives
 * NaN, as in jax.
 */
export function logsumexp(a: NDArray, dim: string): NDArray {
  requireFloat(a, 'logsumexp');
  const axis = axisOf(a, dim);
  const { outer, size, inner } = splitAround(a.shape, axis);
  const x = a.data;
  const out = new Float32Array(outer * inner);
  const mx = new Float64Array(inner);
  const sum = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    maxAndSumExp(x, o * size * inner, size, inner, mx, sum);
    for (let i = 0; i < inner; i++) out[o * inner + i] = mx[i]! + Math.log(sum[i]!); // indices in range
  }
  if (a.dtype === 'bf16') roundArrayToBf16(out);
  return makeArray(a.dtype, ...dropAxis(a, axis), out);
}
