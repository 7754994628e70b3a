// Owns the reused scratch buffers for kernel temporaries (operand layouts, unpermuted products): no fresh-page costs.
import type { TypedData } from '../ndarray.js';

/**
 * First touch of a fresh page costs ~16-21 µs per 4 KiB on the measured VM (see
 * reference/wasm-backend.md), so a 16 MiB temporary costs ~70 ms before any work. Temporaries that
 * never escape a kernel come from these slots instead. Buffers above the cap are not kept, so the
 * pool holds at most SLOTS x CAP bytes per element type.
 */
const CAP_ELEMENTS = 64 * 1024 * 1024; // 256 MiB per f32 slot
type ScratchArray = TypedData | Float64Array;
/** The slots of each element type, by its constructor. */
const slotsByType = new Map<new (n: number) => ScratchArray, ScratchArray[]>();

/**
 * A buffer of `n` elements (default: like.length) with like's element type, reused across calls
 * for the same slot. The contents are garbage; the caller overwrites all of it and must not keep
 * it past the kernel call (the next call of the same slot overwrites it).
 */
export function scratch<T extends ScratchArray>(slot: number, like: T, n: number = like.length): T {
  const make = like.constructor as new (n: number) => T;
  if (n > CAP_ELEMENTS) return new make(n);
  let slots = slotsByType.get(make);
  if (!slots) slotsByType.set(make, (slots = []));
  let buf = slots[slot] as T | undefined;
  if (!buf || buf.length < n) {
    buf = new make(Math.max(n, buf ? Math.min(buf.length * 2, CAP_ELEMENTS) : 0));
    slots[slot] = buf;
  }
  return buf.subarray(0, n) as T;
}

const F64 = new Float64Array(0);

/**
 * A zeroed f64 accumulator of `n` elements, reused across calls for the same slot (the caller must not
 * keep it past its kernel call). Accumulators are as large as the result: a fresh one per collective
 * or reduction paid first touch of its pages on every call.
 */
export function scratchF64(slot: number, n: number): Float64Array {
  return scratch(slot, F64, n).fill(0);
}

/** Drops the pooled buffers (for a caller that wants the memory back). */
export function releaseScratch(): void {
  slotsByType.clear();
}
