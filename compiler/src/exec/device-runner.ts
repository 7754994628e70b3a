// Owns one simulated device: its buffers, where its tiles sit on the mesh, and running the compute ops between
// two collectives.
import type { Module, Op } from '../ir/module.js';
import { axisNames, coordsOfDevice, type Mesh } from '../ir/mesh.js';
import type { NDArray } from '../runtime/index.js';
import { checkResult, COLLECTIVE_KINDS, evalOp, type DeviceContext } from './eval-op.js';
import { BufferTracker, lastUses } from './liveness.js';
import { feedsFor } from './interpreter.js';
import { opEntry } from '../ops/registry.js';
import { einsumFlopsOf } from '../ops/einsum-flops.js';
import { addToProfile, type OpProfile } from './profile.js';
import { at } from '../util/checked.js';

/**
 * The ops of a local program cut at its collectives: compute ranges [from, to) and the collective after each
 * (or none at the end).
 */
export interface Segment { readonly from: number; readonly to: number; readonly collective?: number }

export function segmentsOf(m: Module): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  m.ops.forEach((op, i) => {
    if (COLLECTIVE_KINDS.has(op.kind)) { out.push({ from, to: i, collective: i }); from = i + 1; }
  });
  out.push({ from, to: m.ops.length });
  return out;
}

/** Time and work inside einsum kernels, for the GFLOP/s figure; kernel time per op kind, for --profile. */
export interface KernelStats { einsumMs: number; einsumFlops: number; computeMs: number; byKind: OpProfile }

export function emptyStats(): KernelStats {
  return { einsumMs: 0, einsumFlops: 0, computeMs: 0, byKind: {} };
}

/** An einsum's FLOPs from its operands and result, by the cost model's convention (ops/einsum-flops.ts). */
export function einsumFlops(args: readonly NDArray[], result: NDArray | undefined): number {
  const sizes = new Map<string, number>();
  for (const a of args) a.dims.forEach((d, i) => sizes.set(d, at(a.shape, i, 'shape')));
  return einsumFlopsOf(args.map((a) => a.dims), result?.dims ?? [], (d) => sizes.get(d) ?? 1);
}

/** Tile index of `deviceId` along `axes`: its coordinates on those axes as a mixed-radix number, major first. */
export function tileIndexAlong(mesh: Mesh, deviceId: number, axes: readonly string[]): number {
  const coords = coordsOfDevice(mesh, deviceId);
  const names = axisNames(mesh);
  return axes.reduce((idx, a) => {
    const k = names.indexOf(a);
    const axis = mesh.axes[k]; // undefined when k < 0
    if (!axis) throw new Error(`mesh ${mesh.name} has no axis '${a}'`);
    return idx * axis.size + coords[k]!; // coords has one entry per mesh axis
  }, 0);
}

export class DeviceRunner implements DeviceContext {
  private readonly env = new Map<number, NDArray>();
  private readonly tracker = new BufferTracker();
  private readonly last: Map<number, number>;
  private readonly owned = new Set<number>();

  constructor(
    readonly module: Module, readonly deviceId: number, feeds: readonly NDArray[],
    readonly stats: KernelStats = emptyStats(), last?: Map<number, number>,
  ) {
    this.last = last ?? lastUses(module);
    const args = [...module.inputs, ...module.params];
    if (feeds.length !== args.length) {
      throw new Error(`device ${deviceId}: ${feeds.length} arrays for ${args.length} inputs and params`);
    }
    args.forEach((v, i) => {
      const feed = at(feeds, i, 'device feeds'); // as many feeds as args (checked above)
      feedsFor([v], new Map([[v.name, feed]]), `device ${deviceId}`);
      this.env.set(v.id, feed);
      this.tracker.retain(feed);
    });
  }

  tileIndexAlong(axes: readonly string[]): number {
    return tileIndexAlong(this.module.mesh, this.deviceId, axes);
  }

  operandOffset(op: Op, operand: number, dim: string): number {
    const v = at(op.operands, operand, 'op operands');
    const k = v.type.dims.findIndex((d) => d.name === dim);
    const axes = v.sharding?.dims[k]?.axes ?? [];
    // axes is non-empty only when dims[k] exists (k >= 0)
    return axes.length ? this.tileIndexAlong(axes) * v.type.dims[k]!.size : 0;
  }

  private arg(op: Op, k: number): NDArray {
    const v = at(op.operands, k, 'op operands');
    const a = this.env.get(v.id);
    if (!a) throw new Error(`device ${this.deviceId}: ${op.kind} reads '${v.name}', which has no value`);
    return a;
  }

  /** Runs the compute ops [from, to). */
  runRange(from: number, to: number): void {
    const ops = this.module.ops;
    for (let i = from; i < to; i++) {
      const op = at(ops, i, 'ops');
      const args = op.operands.map((_, k) => this.arg(op, k));
      const t0 = performance.now();
      let results: NDArray[];
      try {
        results = evalOp(op, args, this);
      } catch (e) {
        const names = op.results.map((r) => r.name).join(', %');
        const where = `${op.span.start.line}:${op.span.start.col}`;
        throw new Error(`device ${this.deviceId}, ${op.kind} -> %${names} at ${where}: ${(e as Error).message}`);
      }
      const dt = performance.now() - t0;
      this.stats.computeMs += dt;
      addToProfile(this.stats.byKind, op.kind, dt);
      if (opEntry(op.kind)?.role.contraction) {
        this.stats.einsumMs += dt;
        this.stats.einsumFlops += einsumFlops(args, results[0]);
      }
      this.setResults(op, results);
      this.releaseOperands(op, i);
    }
  }

  /** The operand of collective op `i` (a copy when the device still needs it; the buffer itself when handed away). */
  collectiveOperand(i: number, forTransfer: boolean): NDArray {
    const op = at(this.module.ops, i, 'ops');
    const a = this.arg(op, 0);
    const { id } = at(op.operands, 0, 'op operands');
    const dying = this.last.get(id) === i && this.owned.has(id) && this.tracker.sole(a);
    const whole = a.data.byteOffset === 0 && a.data.byteLength === a.data.buffer.byteLength;
    if (forTransfer && !(dying && whole)) return { ...a, data: a.data.slice() };
    return a;
  }

  /** Stores the collective's result for this device and drops the operand if this was its last use. */
  finishCollective(i: number, result: NDArray, handedAway: boolean): void {
    const op = at(this.module.ops, i, 'ops');
    this.setResults(op, [result]);
    const v = at(op.operands, 0, 'op operands');
    if (this.last.get(v.id) === i && this.owned.has(v.id)) {
      if (handedAway) { this.env.delete(v.id); this.owned.delete(v.id); } else this.release(v.id);
    }
  }

  outputs(): NDArray[] {
    return this.module.outputs.map((v) => {
      const a = this.env.get(v.id);
      if (!a) throw new Error(`device ${this.deviceId}: output '${v.name}' was never computed`);
      return a;
    });
  }

  private setResults(op: Op, results: readonly NDArray[]): void {
    op.results.forEach((r, k) => {
      const a = results[k];
      if (!a) throw new Error(`device ${this.deviceId}: ${op.kind} gave no result ${k}`);
      try {
        checkResult(op, k, a, r.type);
      } catch (e) {
        throw new Error(`device ${this.deviceId}: ${(e as Error).message}`);
      }
      this.env.set(r.id, a);
      this.tracker.retain(a);
      this.owned.add(r.id);
      if (!this.last.has(r.id)) this.release(r.id);
    });
  }

  private releaseOperands(op: Op, i: number): void {
    for (const v of new Set(op.operands)) if (this.last.get(v.id) === i && this.owned.has(v.id)) this.release(v.id);
  }

  private release(id: number): void {
    const a = this.env.get(id);
    this.env.delete(id);
    this.owned.delete(id);
    if (a) this.tracker.release(a);
  }
}
