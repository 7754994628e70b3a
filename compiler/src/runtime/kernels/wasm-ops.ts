// Owns running tfjs-wasm kernels on NDArrays: upload into the wasm heap, one tidy scope, read back to a pooled buffer.
import type * as TF from '@tensorflow/tfjs-core';
import type { DType } from '../../ir/types.js';
import { allocData, isFloat, makeArray, roundArrayToBf16, type NDArray, type TypedData } from '../ndarray.js';
import { WASM_BUDGET_BYTES, wasmTf } from '../wasm-backend.js';

/** Below this many elements a JS loop beats the fixed cost of a tfjs call (~5-20 µs upload, dispatch, read-back). */
export const WASM_MIN_ELEMENTS = 4096;

/**
 * tfjs when the wasm backend runs and the largest of `arrays` is big enough to pay for the trip; undefined means:
 * use the JS loop.
 */
export function wasmFor(...arrays: readonly NDArray[]): typeof TF | undefined {
  let n = 0;
  for (const a of arrays) n = Math.max(n, a.data.length);
  return wasmForElements(n);
}

/** tfjs when the wasm backend runs and an op touching `n` elements is worth sending there. */
export function wasmForElements(n: number): typeof TF | undefined {
  return n >= WASM_MIN_ELEMENTS ? wasmTf() : undefined;
}

/** `a` as a tensor of `shape` (default: its own) in the wasm heap (a copy). */
export function upload(tf: typeof TF, a: NDArray, shape: readonly number[] = a.shape): TF.Tensor {
  return tf.tensor(a.data, [...shape], isFloat(a.dtype) ? 'float32' : 'int32');
}

/**
 * Runs `body` in a tidy scope and copies its tensor result into a pooled buffer as an NDArray of
 * `dtype` (bool results are read as 0/1 i32; a bf16 result is rounded to bf16). Refuses before
 * the heap budget is passed: running out of wasm memory is silent (reference/wasm-backend.md).
 */
export function runWasm(tf: typeof TF, dtype: DType, dims: readonly string[], shape: readonly number[],
  body: () => TF.Tensor): NDArray {
  const live = tf.memory().numBytes;
  if (live > WASM_BUDGET_BYTES) {
    throw new Error(`wasm heap holds ${live} bytes of live tensors: over the ${WASM_BUDGET_BYTES}-byte budget`);
  }
  const t = tf.tidy(() => {
    const r = body();
    return r.dtype === 'bool' ? tf.cast(r, 'int32') : r;
  });
  try {
    const n = t.size;
    const out = allocData(dtype, n, true);
    out.set(heapView(tf, t));
    if (dtype === 'bf16') roundArrayToBf16(out as Float32Array);
    return makeArray(dtype, dims, shape, out);
  } finally {
    t.dispose();
  }
}

/** A view of tensor `t`'s data on the wasm heap (valid until the next allocation there). */
function heapView(tf: typeof TF, t: TF.Tensor): Float32Array | Int32Array {
  const be = tf.backend() as unknown as { typedArrayFromHeap?: (x: TF.Tensor) => Float32Array | Int32Array };
  return be.typedArrayFromHeap ? be.typedArrayFromHeap(t) : (t.dataSync() as Float32Array | Int32Array);
}

/** out = src (row-major `shape`) transposed by `perm`, through tfjs-wasm's Transpose. */
export function transposeOnWasm(tf: typeof TF, src: TypedData, shape: readonly number[], perm: readonly number[],
  out: TypedData): void {
  const t = tf.tensor(src, [...shape], src instanceof Float32Array ? 'float32' : 'int32');
  const r = tf.transpose(t, [...perm]);
  try {
    out.set(heapView(tf, r));
  } finally {
    t.dispose();
    r.dispose();
  }
}

