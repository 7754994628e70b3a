// Owns the shared memory the mesh workers exchange collective operands through: one slot per device
// and parity in a SharedArrayBuffer, and the barrier (Atomics on a shared Int32Array) between workers.
import type { Module } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import { isFloat, type NDArray } from '../runtime/index.js';
import { runtimeBytes } from './liveness.js';
import { COLLECTIVE_KINDS } from './eval-op.js';
import { MatmulSharing, SHARE_WORDS } from './matmul-sharing.js';

/** What a worker needs to open the exchange: the shared buffers (shared, not copied, by postMessage). */
export interface ExchangeInit {
  readonly control: SharedArrayBuffer;
  readonly slots: SharedArrayBuffer;
  readonly slotBytes: number;
  readonly devices: number;
  readonly parties: number;
  /** One arena per worker for the matmul rows it offers to idle workers (matmul-sharing.ts). */
  readonly arenas: SharedArrayBuffer;
  readonly arenaFloats: number;
  /** This worker's place among the parties (set per worker by the pool). */
  readonly worker: number;
}

const COUNT = 0;
const GEN = 1;
const ABORT = 2;
/** The matmul-sharing words start here, SHARE_WORDS per worker. */
const SHARING = 4;
/**
 * Floats of one worker's sharing arena (64 MiB): a share needs its rows of a, all of b and its result rows. Pages are
 * touched only as shares use them, and the arena is kept across runs.
 */
const ARENA_FLOATS = 16 * 1024 * 1024;
/** How often a waiting worker looks at the abort flag (ms): a fault elsewhere must not leave it blocked. */
const POLL_MS = 200;

/** Bytes of the largest collective operand of a local program (every device has the same local types). */
export function slotBytesOf(local: Module): number {
  let most = 0;
  // a collective has one operand (the verifier checked the arity)
  for (const op of local.ops) if (COLLECTIVE_KINDS.has(op.kind)) most = Math.max(most, runtimeBytes(op.operands[0]!));
  return most;
}

/**
 * The main thread's side: allocates (or reuses, when large enough) the shared buffers for a run,
 * resets the barrier, and raises the abort flag after a fault. Two slots per device (alternating
 * collectives) let a worker write the operand of the next collective while a slower one may still
 * read the previous one's: it cannot still be reading the one before that, since it passed the
 * barrier of the previous collective first.
 */
export class Exchange {
  private control = new SharedArrayBuffer(16);
  private slots: SharedArrayBuffer | undefined;
  private arenas: SharedArrayBuffer | undefined;

  /** The exchange of a run for `parties` workers; each worker gets it with its own `worker` index. */
  init(local: Module, devices: number, parties: number): Omit<ExchangeInit, 'worker'> {
    const slotBytes = Math.ceil(slotBytesOf(local) / 64) * 64;
    const need = Math.max(64, 2 * devices * slotBytes);
    if (!this.slots || this.slots.byteLength < need) this.slots = new SharedArrayBuffer(need);
    const arenaBytes = parties > 1 ? parties * ARENA_FLOATS * 4 : 4;
    if (!this.arenas || this.arenas.byteLength < arenaBytes) this.arenas = new SharedArrayBuffer(arenaBytes);
    this.control = new SharedArrayBuffer(4 * (SHARING + parties * SHARE_WORDS));
    const arenaFloats = parties > 1 ? ARENA_FLOATS : 0;
    return { control: this.control, slots: this.slots, slotBytes, devices, parties, arenas: this.arenas, arenaFloats };
  }

  /** Wakes every worker waiting at a barrier and makes it throw (another worker failed). */
  abort(): void {
    const c = new Int32Array(this.control);
    Atomics.store(c, ABORT, 1);
    Atomics.notify(c, GEN);
  }
}

/** A worker's side of the exchange. */
export class ExchangeView {
  private readonly ctl: Int32Array;
  /** Sharing of large matmuls with the workers idle at a barrier (installed by the worker for a run). */
  readonly sharing: MatmulSharing;

  constructor(private readonly init: ExchangeInit) {
    this.ctl = new Int32Array(init.control);
    this.sharing = new MatmulSharing({
      ctl: this.ctl, base: SHARING, arenas: init.arenas, arenaFloats: init.arenaFloats, parties: init.parties,
      worker: init.worker, wakeIndex: GEN, checkAbort: () => this.checkAbort(),
    });
  }

  private checkAbort(): void {
    if (Atomics.load(this.ctl, ABORT)) throw new Error('stopped: another worker of the mesh failed');
  }

  private offset(device: number, parity: number): number {
    return (device * 2 + parity) * this.init.slotBytes;
  }

  /** Copies device `device`'s operand into its slot of this parity. */
  publish(device: number, parity: number, a: NDArray): void {
    const n = a.data.length;
    if (n * 4 > this.init.slotBytes) {
      throw new Error(`collective operand of ${n * 4} bytes exceeds its slot (${this.init.slotBytes})`);
    }
    const off = this.offset(device, parity);
    const { slots } = this.init;
    const dst = a.data instanceof Float32Array ? new Float32Array(slots, off, n) : new Int32Array(slots, off, n);
    dst.set(a.data);
  }

  /** Device `device`'s published operand of type `t`, as a view of its slot (valid until the slot is reused). */
  view(device: number, parity: number, t: TensorType): NDArray {
    const shape = t.dims.map((d) => d.size);
    const n = shape.reduce((p, s) => p * s, 1);
    const off = this.offset(device, parity);
    const data = isFloat(t.dtype) ? new Float32Array(this.init.slots, off, n) : new Int32Array(this.init.slots, off, n);
    return { dtype: t.dtype, dims: t.dims.map((d) => d.name), shape, data };
  }

  /** True when `a` lives in this exchange's slots (a result must not: the slot is reused). */
  holds(a: NDArray): boolean {
    return a.data.buffer === this.init.slots;
  }

  /**
   * Waits until every worker arrived, computing rows of the others' matmuls meanwhile (an offer notifies GEN, which
   * wakes this wait); returns the ms spent idle, not counting that help. Throws when the run was aborted.
   */
  arrive(): number {
    const t0 = performance.now();
    const helped = this.sharing.helpMs;
    const c = this.ctl;
    const gen = Atomics.load(c, GEN);
    this.sharing.setIdle(true);
    try {
      if (Atomics.add(c, COUNT, 1) === this.init.parties - 1) {
        Atomics.store(c, COUNT, 0);
        Atomics.add(c, GEN, 1);
        Atomics.notify(c, GEN);
      } else {
        while (Atomics.load(c, GEN) === gen) {
          this.checkAbort();
          if (!this.sharing.helpOnce()) Atomics.wait(c, GEN, gen, POLL_MS);
        }
      }
    } finally {
      this.sharing.setIdle(false);
    }
    return performance.now() - t0 - (this.sharing.helpMs - helped);
  }
}
