// Test helpers: a seeded RNG, random arrays, and naive loop-over-every-index definitions the kernels are checked against.
import type { DType } from '../../src/ir/types.js';
import { mulberry32 } from '../../src/exec/prng.js';
import { fromArray, strides, type NDArray } from '../../src/runtime/ndarray.js';

/** Seeded test data: the project's one PRNG. */
export const rng = mulberry32;

export function randomArray(r: () => number, dims: readonly string[], shape: readonly number[], dtype: DType = 'f32'): NDArray {
  const n = shape.reduce((p, s) => p * s, 1);
  const v = Array.from({ length: n }, () => (dtype === 'i32' ? Math.floor(r() * 11) - 5 : r() * 2 - 1));
  return fromArray(dtype, dims, shape, v);
}

/** Calls f with every index (name -> position) of the given dims, in row-major order. */
export function forEachIndex(dims: readonly string[], shape: readonly number[], f: (ix: Record<string, number>) => void): void {
  const ix: Record<string, number> = {};
  const rec = (k: number): void => {
    if (k === dims.length) { f(ix); return; }
    for (let i = 0; i < shape[k]!; i++) { ix[dims[k]!] = i; rec(k + 1); }
  };
  rec(0);
}

export function at(a: NDArray, ix: Readonly<Record<string, number>>): number {
  const st = strides(a.shape);
  let off = 0;
  a.dims.forEach((d, i) => (off += ix[d]! * st[i]!));
  return a.data[off]!;
}

/** The textbook einsum: loop over every dim, multiply, accumulate (in f64). */
export function naiveEinsum(inputs: readonly (readonly string[])[], output: readonly string[], ops: readonly NDArray[]): { dims: string[]; shape: number[]; data: Float64Array } {
  const sizes = new Map<string, number>();
  ops.forEach((a) => a.dims.forEach((d, i) => sizes.set(d, a.shape[i]!)));
  const all = [...sizes.keys()];
  const outShape = output.map((d) => sizes.get(d)!);
  const outSt = strides(outShape);
  const data = new Float64Array(outShape.reduce((p, s) => p * s, 1));
  forEachIndex(all, all.map((d) => sizes.get(d)!), (ix) => {
    let p = 1;
    for (const a of ops) p *= at(a, ix);
    let off = 0;
    output.forEach((d, i) => (off += ix[d]! * outSt[i]!));
    data[off]! += p;
  });
  void inputs;
  return { dims: [...output], shape: outShape, data };
}

/** max |x - y| over two flat buffers. */
export function maxDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return Infinity;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}
