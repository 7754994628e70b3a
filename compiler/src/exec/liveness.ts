// Owns when each value of a program dies: last uses (to recycle buffers) and the peak live bytes (for the memory
// guard and the report).
import type { Module, Value } from '../ir/module.js';
import { recycle, type NDArray } from '../runtime/index.js';

/** Index of the last op reading each value; outputs live to the end (Infinity). */
export function lastUses(m: Module): Map<number, number> {
  const last = new Map<number, number>();
  m.ops.forEach((op, i) => { for (const v of op.operands) last.set(v.id, i); });
  for (const v of m.outputs) last.set(v.id, Infinity);
  return last;
}

/** Bytes the runtime stores for a value: every dtype takes 4 bytes per element (bool lives in an Int32Array). */
export function runtimeBytes(v: Value): number {
  return v.type.dims.reduce((n, d) => n * d.size, 1) * 4;
}

export interface MemoryEstimate {
  /** Most bytes live at once while the program runs (params and inputs included). */
  readonly peak: number;
  readonly params: number;
  readonly inputs: number;
}

/**
 * Walks the program in order: results appear at their op, operands vanish after their last use.
 * Values that share a buffer (reshape, rename) are counted twice, so this errs on the high side.
 */
export function estimateMemory(m: Module): MemoryEstimate {
  const last = lastUses(m);
  const params = m.params.reduce((s, v) => s + runtimeBytes(v), 0);
  const inputs = m.inputs.reduce((s, v) => s + runtimeBytes(v), 0);
  let live = params + inputs;
  let peak = live;
  const sizes = new Map<number, number>();
  for (const v of [...m.inputs, ...m.params]) sizes.set(v.id, runtimeBytes(v));
  m.ops.forEach((op, i) => {
    for (const r of op.results) { const b = runtimeBytes(r); sizes.set(r.id, b); live += b; }
    peak = Math.max(peak, live);
    for (const r of op.results) if (!last.has(r.id)) live -= sizes.get(r.id)!; // never read
    for (const v of new Set(op.operands)) if (last.get(v.id) === i) live -= sizes.get(v.id) ?? 0;
  });
  return { peak, params, inputs };
}

/**
 * Reference counts per underlying buffer, so a buffer goes back to the runtime's pool only when
 * every value viewing it (reshape and rename share data) is dead: fresh pages cost more than the
 * kernels on the measured VM.
 */
export class BufferTracker {
  private readonly counts = new Map<ArrayBufferLike, number>();

  retain(a: NDArray): void {
    this.counts.set(a.data.buffer, (this.counts.get(a.data.buffer) ?? 0) + 1);
  }

  release(a: NDArray): void {
    const n = (this.counts.get(a.data.buffer) ?? 1) - 1;
    if (n > 0) { this.counts.set(a.data.buffer, n); return; }
    this.counts.delete(a.data.buffer);
    recycle(a);
  }

  /** True when nothing but `a` views its buffer (it may be handed away). */
  sole(a: NDArray): boolean {
    return (this.counts.get(a.data.buffer) ?? 0) <= 1;
  }
}
