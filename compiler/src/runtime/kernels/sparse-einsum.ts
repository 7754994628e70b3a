// Owns the sparse path of a two-operand einsum: when one operand is mostly zeros (MoE dispatch/combine masks),
// each nonzero scales a row of the other straight into the result, with no layout change and no matmul.
import type { DType } from '../../ir/types.js';
import { allocData, isFloat, makeArray, roundArrayToBf16, strides, type NDArray } from '../ndarray.js';
import { at } from '../../util/checked.js';
import { scratch } from './scratch.js';
import { allFinite, zeroSkipping } from './zero-rows.js';

/**
 * A JS multiply-add on this path costs about this many of XNNPACK's (measured on the 2-core VM: tf.matMul
 * ~17 G multiply-adds/s per core, a JS axpy over Float32Arrays ~1.5-2 G/s); the sparse path runs when its
 * multiply-adds times this are fewer than the dense product's.
 */
const JS_COST_PER_MAC = 8;
/** Below this many dense multiply-adds the dense path is cheap anyway; skip the scan. */
const MIN_DENSE_MACS = 1 << 20;

let runs = 0;

/** How many einsums took the sparse path in this thread so far (tests check that a case exercised it). */
export function sparseEinsumRuns(): number {
  return runs;
}

/**
 * The result of einsum(a, b -> out) through the sparse path, or undefined when neither operand is sparse
 * enough to pay (or the dense operand holds an Inf or NaN, which a dense product would spread through the
 * zeros: 0 * Inf = NaN). `a` and `b` have no private dims (summed away before). The result equals the dense
 * product's up to the order of f32 additions: each output element sums the same nonzero terms (a one-hot mask
 * gives exactly the dense value). f32 and bf16 only; integer einsums stay dense.
 */
export function sparseEinsum(a: NDArray, b: NDArray, out: readonly string[]): NDArray | undefined {
  if (!zeroSkipping() || !isFloat(a.dtype)) return undefined;
  const size = new Map<string, number>();
  for (const x of [a, b]) x.dims.forEach((d, i) => size.set(d, at(x.shape, i, 'shape')));
  const prod = (ds: readonly string[]) => ds.reduce((n, d) => n * (size.get(d) ?? 1), 1);
  const denseMacs = prod([...size.keys()]);
  if (denseMacs < MIN_DENSE_MACS) return undefined;
  for (const [sparse, dense] of [[a, b], [b, a]] as const) {
    const rowLength = prod(dense.dims.filter((d) => !sparse.dims.includes(d)));
    const budget = Math.floor(denseMacs / (JS_COST_PER_MAC * Math.max(rowLength, 1)));
    const nonzeros = nonzerosWithin(sparse.data as Float32Array, budget);
    if (!nonzeros || !allFinite(dense.data as Float32Array)) continue;
    runs++;
    return scatterProducts(sparse, nonzeros, dense, out, size, a.dtype);
  }
  return undefined;
}

/**
 * The positions of `d`'s nonzeros when there are at most `budget` of them, else undefined (it stops reading once
 * past the budget, so a dense operand costs ~budget reads).
 */
function nonzerosWithin(d: Float32Array, budget: number): Int32Array | undefined {
  if (sampledNonzeros(d) * d.length > 2 * SAMPLE * budget) return undefined;
  const pos = scratch(3, new Int32Array(0), Math.min(budget, d.length));
  let nnz = 0;
  for (let i = 0; i < d.length; i++) {
    if (d[i] === 0) continue;
    if (nnz === pos.length) return undefined;
    pos[nnz++] = i;
  }
  return pos.subarray(0, nnz);
}

/** Elements read by the pre-check: a dense operand is turned away after these, not after `budget` reads. */
const SAMPLE = 256;

/** Nonzeros among SAMPLE evenly spaced elements of `d` (all of them when it is shorter). */
function sampledNonzeros(d: Float32Array): number {
  if (d.length <= SAMPLE) return d.reduce((n, x) => n + (x === 0 ? 0 : 1), 0) * (SAMPLE / Math.max(d.length, 1));
  const step = d.length / SAMPLE;
  let nnz = 0;
  for (let i = 0; i < SAMPLE; i++) if (d[Math.floor(i * step)] !== 0) nnz++;
  return nnz;
}

/**
 * out[...] += s[i] * dense[...] for every nonzero s[i]: the sparse operand's index fixes the shared dims (in the
 * dense operand) and its own output dims; the dense operand's other dims (all in the output) are walked as one
 * row, contiguous when they trail both the dense operand and the output in the same order.
 */
function scatterProducts(sparse: NDArray, nonzeros: Int32Array, dense: NDArray, out: readonly string[],
  size: ReadonlyMap<string, number>, dtype: DType): NDArray {
  const outShape = out.map((d) => size.get(d) ?? 1);
  const outStrides = strides(outShape);
  const denseStrides = strides(dense.shape);
  const strideIn = (dims: readonly string[], st: readonly number[], d: string) => {
    const i = dims.indexOf(d);
    return i < 0 ? 0 : at(st, i, 'strides');
  };
  // per dim of the sparse operand: how one step along it moves in the dense operand and in the output
  const sDense = sparse.dims.map((d) => strideIn(dense.dims, denseStrides, d));
  const sOut = sparse.dims.map((d) => strideIn(out, outStrides, d));
  const rowDims = dense.dims.filter((d) => !sparse.dims.includes(d));
  const row = rowWalk(rowDims, dense.dims, denseStrides, out, outStrides, size);
  const S = sparse.data as Float32Array, X = dense.data as Float32Array;
  const R = allocData(dtype, outShape.reduce((n, s) => n * s, 1)) as Float32Array;
  const shape = sparse.shape, rank = shape.length;
  for (const i of nonzeros) {
    const v = S[i] ?? 0; // a position inside S
    // decode i into the sparse operand's index, only for nonzeros
    let rest = i, xOff = 0, oOff = 0;
    for (let j = rank - 1; j >= 0; j--) {
      const n = shape[j] ?? 1; // j < rank
      const idx = rest % n;
      rest = (rest - idx) / n;
      xOff += idx * (sDense[j] ?? 0); // j < rank
      oOff += idx * (sOut[j] ?? 0); // j < rank
    }
    row(R, oOff, X, xOff, v);
  }
  if (dtype === 'bf16') roundArrayToBf16(R);
  return makeArray(dtype, out, outShape, R);
}

type RowOp = (r: Float32Array, rOff: number, x: Float32Array, xOff: number, v: number) => void;

/** r[rOff + ...] += v * x[xOff + ...] over the dense operand's own dims: an axpy when they are contiguous in both. */
function rowWalk(rowDims: readonly string[], denseDims: readonly string[], denseStrides: readonly number[],
  out: readonly string[], outStrides: readonly number[], size: ReadonlyMap<string, number>): RowOp {
  const len = rowDims.reduce((n, d) => n * (size.get(d) ?? 1), 1);
  const key = rowDims.join('\0');
  const trails = (dims: readonly string[]) => dims.slice(dims.length - rowDims.length).join('\0') === key;
  if (trails(denseDims) && trails(out)) {
    return (r, rOff, x, xOff, v) => {
      // rOff + len and xOff + len stay inside the result and the dense operand: rowDims trail both
      for (let j = 0; j < len; j++) r[rOff + j]! += v * x[xOff + j]!;
    };
  }
  // general case: precomputed offsets of every row element in both arrays
  const xOffs = new Int32Array(len), rOffs = new Int32Array(len);
  let n = 1;
  for (const d of rowDims) {
    const s = size.get(d) ?? 1;
    const xs = at(denseStrides, denseDims.indexOf(d), 'dense strides');
    const rs = at(outStrides, out.indexOf(d), 'strides');
    // expand the n offsets so far by s steps along d, keeping row-major order over rowDims
    for (let k = n - 1; k >= 0; k--) {
      const bx = xOffs[k]!, br = rOffs[k]!; // k < n <= len
      for (let t = s - 1; t >= 0; t--) {
        xOffs[k * s + t] = bx + t * xs;
        rOffs[k * s + t] = br + t * rs;
      }
    }
    n *= s;
  }
  return (r, rOff, x, xOff, v) => {
    // the offsets index inside the result and the dense operand by construction
    for (let j = 0; j < len; j++) r[rOff + rOffs[j]!]! += v * x[xOff + xOffs[j]!]!;
  };
}
