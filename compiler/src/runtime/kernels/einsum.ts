// Owns einsum by dim name: classify dims, sum away private dims, lay operands out once, batched 2-D matmuls.
import type { DType } from '../../ir/types.js';
import { at, got, must } from '../../util/checked.js';
import {
  allocData, copyData, isFloat, makeArray, roundArrayToBf16, sizeOf, type NDArray, type TypedData,
} from '../ndarray.js';
import { matmulJs } from '../wasm-backend.js';
import { matmulLiveRows } from './zero-rows.js';
import { permuteData, isIdentityLayout, layoutCost } from './permute.js';
import { scratch } from './scratch.js';
import { reduce } from './reduce.js';
import { sparseEinsum } from './sparse-einsum.js';
import { runWasm, upload, wasmForElements } from './wasm-ops.js';

export interface EinsumSpec {
  /** Dim names of each operand, in that operand's order (must equal the operand's `dims`). */
  readonly inputs: readonly (readonly string[])[];
  /** Dim names of the result, in order. */
  readonly output: readonly string[];
}

/** `EGCM,EMH->EGCH` style, for messages. */
export function einsumToString(spec: EinsumSpec): string {
  return `${spec.inputs.map((d) => d.join(' ')).join(', ')} -> ${spec.output.join(' ')}`;
}

/**
 * Einsum over one or two operands, by dim name. Dims in both operands and the output are batch
 * dims; in one operand and the output, free dims; in both operands but not the output,
 * contracting dims; in one operand only and not the output, summed first. f32/bf16 products run
 * as 2-D matmuls on the wasm backend (f32 accumulation; a bf16 result is rounded to bf16); i32
 * runs in JS.
 */
export function einsum(spec: EinsumSpec, operands: readonly NDArray[]): NDArray {
  checkSpec(spec, operands);
  const out = spec.output;
  const [first, second] = operands;
  if (!first) throw new Error('einsum of no operands'); // checkSpec rejected that already
  if (!second) {
    const summed = first.dims.filter((d) => !out.includes(d));
    const r = summed.length ? reduce(first, 'sum', summed) : first;
    return transposeTo(r, out, r !== first);
  }
  let a = first, b = second;
  // dims private to one operand and absent from the output: sum them away first
  const aOnly = a.dims.filter((d) => !out.includes(d) && !b.dims.includes(d));
  const bOnly = b.dims.filter((d) => !out.includes(d) && !a.dims.includes(d));
  if (aOnly.length) a = reduce(a, 'sum', aOnly);
  if (bOnly.length) b = reduce(b, 'sum', bOnly);
  return sparseEinsum(a, b, out) ?? contract(a, b, out);
}

function checkSpec(spec: EinsumSpec, operands: readonly NDArray[]): void {
  if (operands.length !== 1 && operands.length !== 2) {
    throw new Error(`einsum takes 1 or 2 operands, got ${operands.length}`);
  }
  const name = `einsum ${einsumToString(spec)}`;
  if (spec.inputs.length !== operands.length) {
    throw new Error(`${name}: ${operands.length} operands for ${spec.inputs.length} inputs`);
  }
  const dtype = at(operands, 0, 'operands').dtype;
  const sizes = new Map<string, number>();
  operands.forEach((x, i) => {
    if (x.dims.join() !== at(spec.inputs, i, 'spec.inputs').join()) {
      throw new Error(`${name}: operand ${i} has dims [${x.dims.join(', ')}]`);
    }
    if (x.dtype !== dtype) throw new Error(`${name}: operand dtypes ${dtype} and ${x.dtype} differ`);
    x.dims.forEach((d, j) => {
      const s = sizes.get(d);
      const size = at(x.shape, j, 'shape');
      if (s !== undefined && s !== size) {
        throw new Error(`${name}: dim '${d}' is ${s} in one operand and ${size} in another`);
      }
      sizes.set(d, size);
    });
  });
  if (dtype === 'bool') throw new Error('einsum on bool: cast to f32 or i32 first');
  if (new Set(spec.output).size !== spec.output.length) throw new Error(`${name}: repeated output dim`);
  for (const d of spec.output) if (!sizes.has(d)) throw new Error(`${name}: output dim '${d}' is in no operand`);
}

/**
 * The data of `a` with its dims reordered to `order` (no copy when memory order is unchanged).
 * With `slot`, the copy goes to a reused scratch buffer: fresh pages cost ~16 µs per 4 KiB on
 * first touch, more than the transpose itself.
 */
function dataIn(a: NDArray, order: readonly string[], slot?: number): TypedData {
  const perm = order.map((d) => a.dims.indexOf(d));
  if (isIdentityLayout(a.shape, perm)) return a.data;
  return permuteData(a.data, a.shape, perm, slot === undefined ? undefined : scratch(slot, a.data));
}

/** `a` with dims in `order`; `owned` says a's buffer is ours to hand over (else an unmoved layout is copied). */
function transposeTo(a: NDArray, order: readonly string[], owned = false): NDArray {
  const shape = order.map((d) => at(a.shape, a.dims.indexOf(d), 'shape'));
  const data = dataIn(a, order);
  return makeArray(a.dtype, order, shape, data === a.data && !owned ? copyData(data) : data);
}

interface Plan {
  readonly left: NDArray; // plays A in A[b, m, k] x B[b, k, n]
  readonly right: NDArray;
  readonly batch: string[];
  readonly free1: string[];
  readonly free2: string[];
  readonly contract: string[];
  readonly cost: number; // elements moved by the three layout changes
}

/**
 * Chooses which operand goes left and the order inside each dim group so that as few of the
 * three layout changes (left, right, result) as possible actually move data: a weight [E, M, H]
 * in `EGCM,EMH->EGCH` is already [batch, contract, free] and is handed over untouched.
 */
function plan(a: NDArray, b: NDArray, out: readonly string[]): Plan {
  const inA = (d: string) => a.dims.includes(d);
  const inB = (d: string) => b.dims.includes(d);
  const batchSet = out.filter((d) => inA(d) && inB(d));
  const contractSet = a.dims.filter((d) => inB(d) && !out.includes(d));
  let best: Plan | undefined;
  for (const [left, right] of [[a, b], [b, a]] as const) {
    const f1Set = out.filter((d) => left.dims.includes(d) && !right.dims.includes(d));
    const f2Set = out.filter((d) => right.dims.includes(d) && !left.dims.includes(d));
    const orderBy = (set: readonly string[], ref: readonly string[]) =>
      [...set].sort((x, y) => ref.indexOf(x) - ref.indexOf(y));
    const moved = (x: NDArray, order: string[]) => layoutCost(x.shape, order.map((d) => x.dims.indexOf(d)));
    const batchOrders = uniq([orderBy(batchSet, out), orderBy(batchSet, left.dims), orderBy(batchSet, right.dims)]);
    for (const batch of batchOrders) {
      for (const contract of uniq([orderBy(contractSet, left.dims), orderBy(contractSet, right.dims)])) {
        for (const free1 of uniq([orderBy(f1Set, out), orderBy(f1Set, left.dims)])) {
          for (const free2 of uniq([orderBy(f2Set, out), orderBy(f2Set, right.dims)])) {
            const resultDims = [...batch, ...free1, ...free2];
            const resultShape = resultDims.map((d) => sizeOfDim(d, a, b));
            const resultPerm = out.map((d) => resultDims.indexOf(d));
            const resultCost = trailsIn(free2, out) ? 0 : layoutCost(resultShape, resultPerm);
            const cost = moved(left, [...batch, ...free1, ...contract]) +
              moved(right, [...batch, ...contract, ...free2]) + resultCost;
            if (!best || cost < best.cost) best = { left, right, batch, free1, free2, contract, cost };
          }
        }
      }
    }
  }
  return must(best, 'einsum plan: both operand orders were tried');
}

/** True when `tail` is the last dims of `out`, in order: result rows can then be scattered into place. */
function trailsIn(tail: readonly string[], out: readonly string[]): boolean {
  return out.slice(out.length - tail.length).join('\0') === tail.join('\0');
}

/** Offsets in a row-major array with dims `out` of every index of `dims` (row-major over dims). */
function offsetsOf(dims: readonly string[], out: readonly string[], sizeOfD: (d: string) => number): Int32Array {
  const st = new Map<string, number>();
  let acc = 1;
  for (const d of [...out].reverse()) {
    st.set(d, acc);
    acc *= sizeOfD(d);
  }
  let offs = new Int32Array([0]);
  for (const d of dims) {
    const size = sizeOfD(d), stride = got(st, d, 'output strides');
    const next = new Int32Array(offs.length * size);
    for (let i = 0; i < offs.length; i++) {
      const base = offs[i]!; // i < offs.length
      for (let j = 0; j < size; j++) next[i * size + j] = base + j * stride;
    }
    offs = next;
  }
  return offs;
}

function uniq(orders: string[][]): string[][] {
  const seen = new Set<string>();
  return orders.filter((o) => !seen.has(o.join('\0')) && (seen.add(o.join('\0')), true));
}

function sizeOfDim(d: string, a: NDArray, b: NDArray): number {
  const i = a.dims.indexOf(d);
  return i >= 0 ? at(a.shape, i, 'shape') : at(b.shape, b.dims.indexOf(d), 'shape');
}

function contract(a: NDArray, b: NDArray, out: readonly string[]): NDArray {
  const p = plan(a, b, out);
  const size = (ds: readonly string[]) => ds.reduce((n, d) => n * sizeOfDim(d, a, b), 1);
  const nb = size(p.batch), m = size(p.free1), k = size(p.contract), n = size(p.free2);
  const dtype: DType = a.dtype;
  const A = dataIn(p.left, [...p.batch, ...p.free1, ...p.contract], 0);
  const B = dataIn(p.right, [...p.batch, ...p.contract, ...p.free2], 1);
  const resultDims = [...p.batch, ...p.free1, ...p.free2];
  const resultShape = resultDims.map((d) => sizeOfDim(d, a, b));
  const outShape = out.map((d) => sizeOfDim(d, a, b));
  if (p.contract.length === 0) return outerProduct(dtype, A, B, nb, m, n, resultDims, resultShape, out);
  if (trailsIn(p.free2, out)) {
    // rows of each product go straight to their place in the result: no transpose pass
    const sz = (d: string) => sizeOfDim(d, a, b);
    const batchOff = offsetsOf(p.batch, out, sz);
    const rowOff = offsetsOf(p.free1, out, sz);
    const R = allocData(dtype, nb * m * n, true); // every element is written below
    for (let i = 0; i < nb; i++) {
      const rOff = at(batchOff, i, 'batch offsets'); // once per matmul, so checked
      if (isFloat(dtype)) {
        matmulLiveRows(A as Float32Array, i * m * k, B as Float32Array, i * k * n, m, k, n, R as Float32Array, rOff,
          rowOff);
      } else matmulJs(A, i * m * k, B, i * k * n, m, k, n, R, rOff, rowOff);
    }
    if (dtype === 'bf16') roundArrayToBf16(R as Float32Array);
    return makeArray(dtype, out, outShape, R);
  }
  // otherwise the product lands in scratch and is transposed once into the (fresh) result
  const R = scratch(2, allocData(dtype, 0), nb * m * n);
  for (let i = 0; i < nb; i++) {
    if (isFloat(dtype)) {
      matmulLiveRows(A as Float32Array, i * m * k, B as Float32Array, i * k * n, m, k, n, R as Float32Array, i * m * n);
    } else matmulJs(A, i * m * k, B, i * k * n, m, k, n, R, i * m * n);
  }
  if (dtype === 'bf16') roundArrayToBf16(R as Float32Array);
  return transposeTo(makeArray(dtype, resultDims, resultShape, R), out, false);
}

/**
 * An einsum that contracts nothing (`GSE,GSC->GSEC`, top-2 gating's combine weights): per batch
 * index, the outer product of two vectors. One broadcast multiply [nb, m, 1] x [nb, 1, n] on wasm
 * (or one JS loop) instead of nb tiny matmuls with K = 1; each element is one f32 product, as the
 * matmul gave.
 */
function outerProduct(dtype: DType, A: TypedData, B: TypedData, nb: number, m: number, n: number,
  resultDims: readonly string[], resultShape: readonly number[], out: readonly string[]): NDArray {
  const left = makeArray(dtype, ['b', 'm'], [nb, m], A);
  const right = makeArray(dtype, ['b', 'n'], [nb, n], B);
  const tf = isFloat(dtype) ? wasmForElements(nb * m * n) : undefined;
  let R: NDArray;
  if (tf) {
    R = runWasm(tf, dtype, resultDims, resultShape,
      () => tf.mul(upload(tf, left, [nb, m, 1]), upload(tf, right, [nb, 1, n])));
  } else {
    const data = allocData(dtype, nb * m * n, true);
    const int = !isFloat(dtype);
    for (let i = 0, o = 0; i < nb; i++) {
      for (let r = 0; r < m; r++) {
        // indices stay inside the [nb, m] and [nb, n] operands by the loop bounds
        const x = A[i * m + r]!;
        const bOff = i * n;
        // j < n inside B's row bOff
        if (int) for (let j = 0; j < n; j++) data[o++] = Math.imul(x, B[bOff + j]!);
        // j < n inside B's row bOff
        else for (let j = 0; j < n; j++) data[o++] = x * B[bOff + j]!;
      }
    }
    if (dtype === 'bf16') roundArrayToBf16(data as Float32Array);
    R = makeArray(dtype, resultDims, resultShape, data);
  }
  return transposeTo(R, out, true);
}
