// Owns broadcasting by dim name to a union of dims, and the kernels built on it: the bool
// comparisons (eq ne lt le gt ge), select, and iota.
import type { DType } from '../../ir/types.js';
import { at } from '../../util/checked.js';
import { allocData, makeArray, strides, type NDArray, type TypedData } from '../ndarray.js';
import { selectStrided } from './strided-select.js';

/** Dims of a named broadcast's result: an operand's dims when they cover all others', else their union in order. */
export function unionDims(xs: readonly { readonly dims: readonly string[]; readonly shape: readonly number[] }[]):
  { dims: string[]; shape: number[] } {
  const withRank = [...xs].filter((x) => x.dims.length > 0);
  for (const x of withRank) {
    if (xs.every((y) => y.dims.every((d) => x.dims.includes(d)))) return { dims: [...x.dims], shape: [...x.shape] };
  }
  const dims: string[] = [];
  const shape: number[] = [];
  for (const x of xs) {
    x.dims.forEach((d, i) => {
      const pos = dims.indexOf(d);
      const size = at(x.shape, i, 'shape');
      if (pos < 0) {
        dims.push(d);
        shape.push(size);
      } else if (shape[pos] !== size) {
        throw new Error(`dim '${d}' is ${shape[pos]} in one operand and ${size} in another`);
      }
    });
  }
  return { dims, shape };
}

/** `a` laid out as `dims` (a's dims a subset, any order): copies, repeating along the dims a lacks. */
export function broadcastTo(a: NDArray, dims: readonly string[], shape: readonly number[]): NDArray {
  if (a.dims.length === dims.length && a.dims.every((d, i) => d === dims[i])) return a;
  const aStr = strides(a.shape);
  const str = dims.map((d) => {
    const i = a.dims.indexOf(d);
    return i < 0 ? 0 : at(aStr, i, 'strides');
  });
  const missing = a.dims.find((d) => !dims.includes(d));
  if (missing) throw new Error(`cannot broadcast dims [${a.dims.join(', ')}] to [${dims.join(', ')}]: '${missing}'`);
  const n = shape.reduce((p, s) => p * s, 1);
  const out = allocData(a.dtype, n, true);
  const r = dims.length;
  const counter = new Array<number>(r).fill(0);
  let src = 0;
  for (let i = 0; i < n; i++) {
    out[i] = a.data[src]!; // the odometer below keeps src inside a.data
    for (let k = r - 1; k >= 0; k--) {
      // 0 <= k < r = counter.length = str.length = shape.length
      counter[k]!++;
      src += str[k]!; // k in range, as above
      if (counter[k]! < shape[k]!) break; // k in range, as above
      src -= str[k]! * shape[k]!; // k in range, as above
      counter[k] = 0;
    }
  }
  return makeArray(a.dtype, dims, shape, out);
}

type Cmp = (p: number, q: number) => boolean;

/** `a cmp b` as bool, with named broadcasting to the union of the operands' dims. */
function compare(name: string, cmp: Cmp) {
  return (a: NDArray, b: NDArray): NDArray => {
    if (a.dtype !== b.dtype) throw new Error(`${name}: dtypes ${a.dtype} and ${b.dtype} differ`);
    const { dims, shape } = unionDims([a, b]);
    const x = broadcastTo(a, dims, shape).data;
    const y = broadcastTo(b, dims, shape).data;
    const out = allocData('bool', x.length, true);
    // x and y are both broadcast to `shape`, so i < x.length = y.length
    for (let i = 0; i < x.length; i++) out[i] = cmp(x[i]!, y[i]!) ? 1 : 0;
    return makeArray('bool', dims, shape, out);
  };
}

export const cmpEq = compare('eq', (p, q) => p === q);
export const cmpNe = compare('ne', (p, q) => p !== q);
export const cmpLt = compare('lt', (p, q) => p < q);
export const cmpLe = compare('le', (p, q) => p <= q);
export const cmpGt = compare('gt', (p, q) => p > q);
export const cmpGe = compare('ge', (p, q) => p >= q);

/** pred ? a : b elementwise, broadcast by name to the union of the three operands' dims (a, b first). */
export function select(pred: NDArray, a: NDArray, b: NDArray): NDArray {
  if (pred.dtype !== 'bool') throw new Error(`select: the predicate is ${pred.dtype}, not bool`);
  if (a.dtype !== b.dtype) throw new Error(`select: dtypes ${a.dtype} and ${b.dtype} differ`);
  const { dims, shape } = unionDims([a, b, pred]);
  return makeArray(a.dtype, dims, shape, selectStrided(pred, a, b, dims, shape));
}

/** offset, offset + 1, ... along a new dim `dim` of `size` (i32). */
export function iota(dim: string, size: number, offset = 0, dtype: DType = 'i32'): NDArray {
  const out = allocData(dtype, size, true);
  for (let i = 0; i < size; i++) out[i] = offset + i;
  return makeArray(dtype, [dim], [size], out);
}
