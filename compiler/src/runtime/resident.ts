// Owns resident weights: a run's inputs and params (read-only while it runs) kept as tfjs-wasm tensors
// between the matmuls that read them, so a weight is uploaded and packed by XNNPACK once per run, not per call.
import type * as TF from '@tensorflow/tfjs-core';
import type { NDArray } from './ndarray.js';

/** Byte ranges [start, end) of each buffer that open scopes hold read-only, with how many holds each. */
const held = new Map<ArrayBufferLike, { start: number; end: number; scopes: number }[]>();
/** The resident tensors of a buffer, by `byteOffset:rows:cols` of the matrix they hold. */
const tensors = new Map<ArrayBufferLike, Map<string, TF.Tensor>>();
let residentBytes = 0;
/**
 * At most this much weight stays resident (XNNPACK keeps a packed copy beside each, not counted by
 * tf.memory(): ~2x in the heap); beyond it matmuls upload per call, as without a scope.
 */
const RESIDENT_CAP_BYTES = 512 * 1024 ** 2;

/**
 * Declares `arrays` read-only until the returned close() runs (a run's feeds: never written, never
 * recycled while the run lasts). A range held at least twice (one replicated weight shared by the
 * devices of a worker: the same shared tile in each device's feeds) is kept on the wasm heap by the
 * matmuls that read it; a range held once is not (it is read by one device, and a resident copy would
 * only raise the heap's peak). close() disposes the tensors of ranges no other open scope holds.
 */
export function holdResident(arrays: readonly NDArray[]): () => void {
  const mine: { buffer: ArrayBufferLike; start: number; end: number }[] = [];
  for (const a of arrays) {
    if (!(a.data instanceof Float32Array) || a.data.length === 0) continue;
    const buffer = a.data.buffer;
    const start = a.data.byteOffset;
    const end = start + a.data.byteLength;
    const ranges = held.get(buffer) ?? [];
    const same = ranges.find((r) => r.start === start && r.end === end);
    if (same) same.scopes++;
    else ranges.push({ start, end, scopes: 1 });
    held.set(buffer, ranges);
    mine.push({ buffer, start, end });
  }
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    for (const m of mine) release(m.buffer, m.start, m.end);
  };
}

function release(buffer: ArrayBufferLike, start: number, end: number): void {
  const ranges = held.get(buffer);
  const r = ranges?.find((x) => x.start === start && x.end === end);
  if (!ranges || !r || --r.scopes > 0) return;
  ranges.splice(ranges.indexOf(r), 1);
  if (ranges.length === 0) held.delete(buffer);
  const ts = tensors.get(buffer);
  if (!ts) return;
  for (const [key, t] of ts) {
    const at = Number(key.slice(0, key.indexOf(':')));
    if (at >= start && at < end && !heldAt(buffer, at, at + t.size * 4)) {
      residentBytes -= t.size * 4;
      t.dispose();
      ts.delete(key);
    }
  }
  if (ts.size === 0) tensors.delete(buffer);
}

function heldAt(buffer: ArrayBufferLike, start: number, end: number, holds = 1): boolean {
  return held.get(buffer)?.some((r) => r.start <= start && end <= r.end && r.scopes >= holds) ?? false;
}

/**
 * The [rows, cols] matrix at element `off` of `data` as a resident tensor, when open scopes hold that
 * range read-only at least twice (created on first use); undefined otherwise: the caller uploads a temporary.
 * The caller must not dispose it.
 */
export function residentMatrix(tf: typeof TF, data: Float32Array, off: number, rows: number, cols: number):
  TF.Tensor | undefined {
  if (held.size === 0) return undefined;
  const buffer = data.buffer;
  const start = data.byteOffset + 4 * off;
  const bytes = 4 * rows * cols;
  // measured (tmp bench, CPU time, loaded machine): a weight read by 4 devices, resident vs uploaded per call:
  // BLM,MNK->BLNK 0.81x, BLM,MH->BLH 0.88x, EGCM,EMH->EGCH 0.96x; read once: 1.0-1.18x (no reuse to win)
  if (!heldAt(buffer, start, start + bytes, 2)) return undefined;
  const key = `${start}:${rows}:${cols}`;
  let ts = tensors.get(buffer);
  const hit = ts?.get(key);
  if (hit) return hit;
  if (residentBytes + bytes > RESIDENT_CAP_BYTES) return undefined;
  const t = tf.keep(tf.tensor2d(data.subarray(off, off + rows * cols), [rows, cols], 'float32'));
  if (!ts) tensors.set(buffer, (ts = new Map()));
  ts.set(key, t);
  residentBytes += bytes;
  return t;
}

/** Bytes of weights resident now (for tests and the bench). */
export function residentWeightBytes(): number {
  return residentBytes;
}
