// Owns sharing large matmuls between mesh workers: a worker that reaches a barrier first helps the others with the
// tail rows of their matmuls (through a shared arena) instead of sleeping; the owner computes the head meanwhile.
import { matmulOnWasm } from '../runtime/wasm-backend.js';
import type { MatmulSharer, RowShare } from '../runtime/matmul-share.js';

/** Words per worker in the control array, from `base`: the state of its offer, its m, k, n, and its idle flag. */
export const SHARE_WORDS = 8;
const STATE = 0, M = 1, K = 2, N = 3, IDLE = 4;
/** Offer states. FAILED: the helper threw; the owner computes the rows itself. */
const NONE = 0, OFFERED = 1, CLAIMED = 2, DONE = 3, FAILED = 4;
/** How often a blocked owner looks at the abort flag (ms). */
const POLL_MS = 200;

/** Where the sharing words and arenas live: `ctl[base + w * SHARE_WORDS ...]`, arena w of `arenaFloats` floats. */
export interface SharingLayout {
  readonly ctl: Int32Array;
  readonly base: number;
  readonly arenas: SharedArrayBuffer;
  readonly arenaFloats: number;
  readonly parties: number;
  readonly worker: number;
  /** The word idle workers wait on: an offer notifies it, so they wake up to take it. */
  readonly wakeIndex: number;
  /** Throws when the run was aborted (another worker failed). */
  readonly checkAbort: () => void;
}

export class MatmulSharing implements MatmulSharer {
  /** ms spent computing other workers' rows (while idle at barriers). */
  helpMs = 0;
  /** Rows this worker's matmuls handed to others, and rows it computed for others. */
  rowsGiven = 0;
  rowsTaken = 0;

  constructor(private readonly l: SharingLayout) {}

  private word(w: number, field: number): number {
    return this.l.base + w * SHARE_WORDS + field;
  }

  private arena(w: number, floats: number): Float32Array {
    return new Float32Array(this.l.arenas, w * this.l.arenaFloats * 4, floats);
  }

  /** Marks this worker idle (at a barrier, ready to help) or busy. */
  setIdle(idle: boolean): void {
    Atomics.store(this.l.ctl, this.word(this.l.worker, IDLE), idle ? 1 : 0);
  }

  private someoneIdle(): boolean {
    for (let w = 0; w < this.l.parties; w++) {
      if (w !== this.l.worker && Atomics.load(this.l.ctl, this.word(w, IDLE)) === 1) return true;
    }
    return false;
  }

  offer(a: Float32Array, aOff: number, b: Float32Array, bOff: number, m: number, k: number, n: number):
    RowShare | undefined {
    const { ctl, worker: me } = this.l;
    if (!this.someoneIdle()) return undefined;
    const rows = Math.floor(m / 2);
    const from = m - rows;
    const floats = rows * k + k * n + rows * n;
    if (floats > this.l.arenaFloats) return undefined;
    const arena = this.arena(me, floats);
    arena.set(a.subarray(aOff + from * k, aOff + m * k), 0);
    arena.set(b.subarray(bOff, bOff + k * n), rows * k);
    Atomics.store(ctl, this.word(me, M), rows);
    Atomics.store(ctl, this.word(me, K), k);
    Atomics.store(ctl, this.word(me, N), n);
    Atomics.store(ctl, this.word(me, STATE), OFFERED);
    Atomics.notify(ctl, this.l.wakeIndex);
    return {
      from,
      finish: (out, outOff, rowOffsets) => {
        const at = (i: number) => outOff + (rowOffsets ? rowOffsets[from + i]! : (from + i) * n); // from + i < m
        const state = this.word(me, STATE);
        if (Atomics.compareExchange(ctl, state, OFFERED, NONE) === OFFERED || this.awaitHelper(state) === FAILED) {
          Atomics.store(ctl, state, NONE); // nobody took it (or the helper failed): the caller computes the rows
          return false;
        }
        const result = this.arena(me, floats).subarray(rows * k + k * n);
        for (let i = 0; i < rows; i++) out.set(result.subarray(i * n, (i + 1) * n), at(i));
        Atomics.store(ctl, state, NONE);
        this.rowsGiven += rows;
        return true;
      },
    };
  }

  /** Blocks until the claimed offer at `state` is DONE or FAILED; returns which. */
  private awaitHelper(state: number): number {
    for (;;) {
      const s = Atomics.load(this.l.ctl, state);
      if (s === DONE || s === FAILED) return s;
      this.l.checkAbort();
      Atomics.wait(this.l.ctl, state, s, POLL_MS);
    }
  }

  /** Takes one offer of another worker, if any, and computes its rows; true when it did. */
  helpOnce(): boolean {
    const { ctl } = this.l;
    for (let w = 0; w < this.l.parties; w++) {
      if (w === this.l.worker) continue;
      const state = this.word(w, STATE);
      if (Atomics.compareExchange(ctl, state, OFFERED, CLAIMED) !== OFFERED) continue;
      const t0 = performance.now();
      const rows = Atomics.load(ctl, this.word(w, M));
      const k = Atomics.load(ctl, this.word(w, K));
      const n = Atomics.load(ctl, this.word(w, N));
      const arena = this.arena(w, rows * k + k * n + rows * n);
      try {
        matmulOnWasm(arena, 0, arena, rows * k, rows, k, n, arena, rows * k + k * n);
        Atomics.store(ctl, state, DONE);
      } catch (e) {
        Atomics.store(ctl, state, FAILED); // the owner computes the rows itself; this worker reports the error
        throw e;
      } finally {
        Atomics.notify(ctl, state);
        this.helpMs += performance.now() - t0;
        this.rowsTaken += rows;
      }
      return true;
    }
    return false;
  }
}
