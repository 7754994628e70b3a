// Owns the shared memory the mesh workers exchange collective operands through: one slot per device
// and parity in a SharedArrayBuffer, and the barrier (Atomics on a shared Int32Array) between workers.
import type { Module } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import { isFloat, type NDArray } from '../runtime/index.js';
import { runtimeBytes } from './liveness.js';
import { COLLECTIVE_KINDS } from './eval-op.js';

/** What a worker needs to open the exchange: the shared buffers (shared, not copied, by postMessage). */
export interface ExchangeInit {
  readonly control: SharedArrayBuffer;
  readonly slots: SharedArrayBuffer;
  readonly slotBytes: number;
  readonly devices: number;
  readonly parties: number;
}

const COUNT = 0;
const GEN = 1;
const ABORT = 2;
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

  init(local: Module, devices: number, parties: number): ExchangeInit {
    const slotBytes = Math.ceil(slotBytesOf(local) / 64) * 64;
    const need = Math.max(64, 2 * devices * slotBytes);
    if (!this.slots || this.slots.byteLength < need) this.slots = new SharedArrayBuffer(need);
    this.control = new SharedArrayBuffer(16);
    return { control: this.control, slots: this.slots, slotBytes, devices, parties };
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

  constructor(private readonly init: ExchangeInit) {
    this.ctl = new Int32Array(init.control);
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

  /** Waits until every worker arrived; returns the ms spent waiting. Throws when the run was aborted. */
  arrive(): number {
    const t0 = performance.now();
    const c = this.ctl;
    const gen = Atomics.load(c, GEN);
    if (Atomics.add(c, COUNT, 1) === this.init.parties - 1) {
      Atomics.store(c, COUNT, 0);
      Atomics.add(c, GEN, 1);
      Atomics.notify(c, GEN);
    } else {
      while (Atomics.load(c, GEN) === gen) {
        if (Atomics.load(c, ABORT)) throw new Error('stopped: another worker of the mesh failed');
        Atomics.wait(c, GEN, gen, POLL_MS);
      }
    }
    return performance.now() - t0;
  }
}
