// Owns the reused scratch buffers for kernel temporaries (operand layouts, unpermuted products): no fresh-page costs.
import type { TypedData } from '../ndarray.js';

/**
 * First touch of a fresh page costs ~16-21 µs per 4 KiB on the measured VM (see
 * reference/wasm-backend.md), so a 16 MiB temporary costs ~70 ms before any work. Temporaries that
 * never escape a kernel come from these slots instead. Buffers above the cap are not kept, so the
 * pool holds at most SLOTS x CAP bytes per element type.
 */
const CAP_ELEMENTS = 64 * 1024 * 1024; // 256 MiB per slot
const f32Slots: Float32Array[] = [];
const i32Slots: Int32Array[] = [];

/**
 * A buffer of `n` elements (default: like.length) with like's element type, reused across calls
 * for the same slot. The contents are garbage; the caller overwrites all of it and must not keep
 * it past the kernel call (the next call of the same slot overwrites it).
 */
export function scratch<T extends TypedData>(slot: number, like: T, n: number = like.length): T {
  const isF = like instanceof Float32Array;
  const slots = (isF ? f32Slots : i32Slots) as T[];
  if (n > CAP_ELEMENTS) return new (like.constructor as new (n: number) => T)(n);
  let buf = slots[slot];
  if (!buf || buf.length < n) {
    buf = new (like.constructor as new (n: number) => T)(Math.max(n, buf ? buf.length * 2 : 0));
    if (buf.length > CAP_ELEMENTS) buf = new (like.constructor as new (n: number) => T)(n);
    slots[slot] = buf;
  }
  return buf.subarray(0, n) as T;
}

const f64Slots: Float64Array[] = [];

/**
 * A zeroed f64 accumulator of `n` elements, reused across calls for the same slot (the caller must not
 * keep it past its kernel call). Accumulators are as large as the result: a fresh one per collective
 * or reduction paid first touch of its pages on every call.
 */
export function scratchF64(slot: number, n: number): Float64Array {
  if (n > CAP_ELEMENTS) return new Float64Array(n);
  let buf = f64Slots[slot];
  if (!buf || buf.length < n) {
    buf = new Float64Array(Math.max(n, buf ? Math.min(buf.length * 2, CAP_ELEMENTS) : 0));
    f64Slots[slot] = buf;
  }
  const view = buf.subarray(0, n);
  view.fill(0);
  return view;
}

/** Drops the pooled buffers (for a caller that wants the memory back). */
export function releaseScratch(): void {
  f32Slots.length = 0;
  i32Slots.length = 0;
  f64Slots.length = 0;
}
