// Owns the hook through which a large 2-D matmul hands part of its rows to another mesh worker that sits idle at a
// barrier (exec/matmul-sharing.ts implements it); without a sharer every matmul runs whole where it was called.

/**
 * Rows [from, m) of a product offered elsewhere: `finish` puts the helper's rows in place and returns true, or
 * returns false when nobody computed them (unclaimed, or the helper failed): the caller computes them itself.
 */
export interface RowShare {
  readonly from: number;
  finish(out: Float32Array, outOff: number, rowOffsets?: Int32Array): boolean;
}

export interface MatmulSharer {
  /** Offers the tail rows of a[m, k] x b[k, n] when some worker is idle; undefined when nobody can take them. */
  offer(a: Float32Array, aOff: number, b: Float32Array, bOff: number, m: number, k: number, n: number):
    RowShare | undefined;
}

/**
 * Products below this many multiply-adds are not offered: a share costs copying its rows of a, all of b and its
 * result rows through shared memory (~1 G floats/s) and a wake-up (~50 µs), against ~15 G multiply-adds/s.
 */
export const SHARE_MIN_MACS = 4 * 1024 * 1024;
/** Nor products of fewer rows than this (each half must still fill XNNPACK's row tiles). */
export const SHARE_MIN_ROWS = 64;

let sharer: MatmulSharer | undefined;

/** Installs (or, with undefined, removes) the sharer of this thread; returns the previous one. */
export function setMatmulSharer(s: MatmulSharer | undefined): MatmulSharer | undefined {
  const prev = sharer;
  sharer = s;
  return prev;
}

/**
 * A product above this many multiply-adds (~8 ms on the measured VM) runs in row chunks of about this size when a
 * sharer is installed, so a worker that falls idle while it runs is offered half of the rows still to do.
 */
export const SHARE_CHUNK_MACS = 16 * 1024 * 1024;

/** Rows per chunk for a [m, k] x [k, n] product: m (one piece) unless sharing is on and the product is large. */
export function shareChunkRows(m: number, k: number, n: number): number {
  if (!sharer || m * k * n < 4 * SHARE_CHUNK_MACS) return m;
  return Math.max(SHARE_MIN_ROWS, Math.ceil(SHARE_CHUNK_MACS / (k * n)));
}

/** The share of this product offered to an idle worker, or undefined (too small, no sharer, nobody idle). */
export function offerRows(
  a: Float32Array, aOff: number, b: Float32Array, bOff: number, m: number, k: number, n: number,
): RowShare | undefined {
  if (!sharer || m < SHARE_MIN_ROWS || m * k * n < SHARE_MIN_MACS) return undefined;
  return sharer.offer(a, aOff, b, bOff, m, k, n);
}
