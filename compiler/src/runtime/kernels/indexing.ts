// Owns the kernels driven by integer ids: oneHot and gather, each with an offset for a shard of the indexed dim.
import type { DType } from '../../ir/types.js';
import { allocData, axisOf, makeArray, splitAround, type NDArray } from '../ndarray.js';

function requireIds(ids: NDArray, op: string): void {
  if (ids.dtype !== 'i32') throw new Error(`${op}: ids must be i32, got ${ids.dtype}`);
}

/**
 * out[..., j] = 1 where ids[...] == offset + j, for j in [0, size): the new dim `dim` comes last.
 * With `offset`, a device builds only its slice [offset, offset+size) of the one-hot dim; ids
 * outside give a zero row (so negative or too-large ids give zeros, as jax.nn.one_hot does).
 */
export function oneHot(ids: NDArray, dim: string, size: number, offset = 0, dtype: DType = 'f32'): NDArray {
  requireIds(ids, 'oneHot');
  if (ids.dims.includes(dim)) throw new Error(`oneHot: ids already have a dim '${dim}'`);
  // A JS loop: tfjs-wasm OneHot writes int32 even into a float32 output, so it needs a Cast; with it, incl.
  // upload/read-back, measured 0.27 ms vs this loop 0.08-0.12 for [1,2048,8] ids x 64, 0.045-0.062 vs 0.008-0.027 for
  // [1,256,8] x 64 (2-core VM, Node 20).
  const n = ids.data.length;
  const out = allocData(dtype, n * size);
  for (let i = 0; i < n; i++) {
    const j = ids.data[i]! - offset; // i < n = ids.data.length
    if (j >= 0 && j < size) out[i * size + j] = 1;
  }
  return makeArray(dtype, [...ids.dims, dim], [...ids.shape, size], out);
}

export interface GatherOptions {
  /**
   * The table is the shard [offset, offset + localSize) of a larger table along `tableDim`: ids
   * outside that range give zero rows, so an all-reduce sum over the shards completes the gather.
   */
  readonly offset?: number;
}

/**
 * Rows of `table` along `tableDim` picked by `ids`: the result's dims are ids' dims followed by
 * the table's other dims (in table order). Without `offset`, an id outside the table is an
 * error (a wrong program, not a shard boundary).
 */
export function gather(table: NDArray, ids: NDArray, tableDim: string, options: GatherOptions = {}): NDArray {
  requireIds(ids, 'gather');
  const axis = axisOf(table, tableDim);
  const restDims = table.dims.filter((_, i) => i !== axis);
  for (const d of restDims) if (ids.dims.includes(d)) throw new Error(`gather: dim '${d}' is in both ids and table`);
  const { outer, size: rows, inner } = splitAround(table.shape, axis);
  const n = ids.data.length;
  const chunk = outer * inner; // elements per id in the result
  const out = allocData(table.dtype, n * chunk);
  const sharded = options.offset !== undefined;
  const offset = options.offset ?? 0;
  const src = table.data;
  // Row copies, not tfjs-wasm GatherV2, which must upload the whole table each call: measured 1.94 ms vs this loop
  // 0.02-0.05 for [2,128] ids into [1024,256], 15.7 vs 0.16 for [16,128] ids (2-core VM, Node 20).
  for (let i = 0; i < n; i++) {
    const r = ids.data[i]! - offset; // i < n = ids.data.length
    if (r < 0 || r >= rows) {
      if (sharded) continue;
      throw new RangeError(`gather: id ${ids.data[i]} outside '${tableDim}' of size ${rows}`);
    }
    for (let o = 0; o < outer; o++) {
      const s = (o * rows + r) * inner;
      out.set(src.subarray(s, s + inner), i * chunk + o * inner);
    }
  }
  const restShape = table.shape.filter((_, i) => i !== axis);
  return makeArray(table.dtype, [...ids.dims, ...restDims], [...ids.shape, ...restShape], out);
}
