// Owns the reference run: the global IR op by op on one device with the runtime kernels, the answer the mesh
// must reproduce.
import type { Module, Op, Value } from '../ir/module.js';
import { holdResident, type NDArray } from '../runtime/index.js';
import { checkResult, evalOp } from './eval-op.js';
import { BufferTracker, lastUses } from './liveness.js';
import { addToProfile, type OpProfile } from './profile.js';
import { at } from '../util/checked.js';

export interface InterpretOptions {
  /** Called after each op with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** When given, each op's kernel time is added to its kind's row. */
  readonly profile?: OpProfile;
}

/** Input and param arrays by value name; dims must be in the value's order. */
export type Feeds = ReadonlyMap<string, NDArray>;

/** Checks that every input and param has an array of its exact type; returns them in program order. */
export function feedsFor(values: readonly Value[], feeds: Feeds, where: string): NDArray[] {
  return values.map((v) => {
    const a = feeds.get(v.name);
    if (!a) throw new Error(`${where}: no array for ${v.role} '${v.name}'`);
    const want = v.type.dims.map((d) => `${d.name}=${d.size}`).join(', ');
    const got = a.dims.map((d, i) => `${d}=${a.shape[i]}`).join(', ');
    if (want !== got || a.dtype !== v.type.dtype) {
      throw new Error(`${where}: ${v.role} '${v.name}' needs ${v.type.dtype}[${want}] but got ${a.dtype}[${got}]`);
    }
    return a;
  });
}

/**
 * Runs a global module. Intermediate buffers go back to the pool after their last use (never the
 * caller's inputs and params). Returns the outputs in order.
 */
export function interpret(m: Module, feeds: Feeds, options: InterpretOptions = {}): NDArray[] {
  if (m.view !== 'global') throw new Error('interpret runs the global IR; use the mesh simulator for a local program');
  const env = new Map<number, NDArray>();
  const tracker = new BufferTracker();
  const owned = new Set<number>();
  const fed: NDArray[] = [];
  for (const v of [...m.inputs, ...m.params]) {
    const a = at(feedsFor([v], feeds, 'reference run'), 0, 'reference feeds'); // one array per value
    env.set(v.id, a);
    tracker.retain(a); // held by the caller for good
    fed.push(a);
  }
  const last = lastUses(m);
  // the caller's inputs and params are read-only for the run: matmuls may keep them on the wasm heap
  const closeResident = holdResident(fed);
  try {
    m.ops.forEach((op, i) => evalStep(op, i));
  } finally {
    closeResident();
  }
  function evalStep(op: Op, i: number): void {
    const args = op.operands.map((v) => {
      const a = env.get(v.id);
      if (!a) throw new Error(`${op.kind}: operand '${v.name}' has no value (not defined before use)`);
      return a;
    });
    let results: NDArray[];
    const t0 = options.profile ? performance.now() : 0;
    try {
      results = evalOp(op, args);
    } catch (e) {
      const names = op.results.map((r) => r.name).join(', %');
      const where = `${op.span.start.line}:${op.span.start.col}`;
      throw new Error(`reference run, ${op.kind} -> %${names} at ${where}: ${(e as Error).message}`);
    }
    if (options.profile) addToProfile(options.profile, op.kind, performance.now() - t0);
    op.results.forEach((r, k) => {
      const a = at(results, k, `${op.kind} results`);
      checkResult(op, k, a, r.type);
      env.set(r.id, a);
      tracker.retain(a);
      owned.add(r.id);
      if (!last.has(r.id)) release(r.id);
    });
    for (const v of new Set(op.operands)) if (last.get(v.id) === i && owned.has(v.id)) release(v.id);
    options.onProgress?.(i + 1, m.ops.length);
  }
  function release(id: number): void {
    const a = env.get(id);
    env.delete(id);
    if (a) tracker.release(a);
  }
  return m.outputs.map((v) => {
    const a = env.get(v.id);
    if (!a) throw new Error(`output '${v.name}' was never computed`);
    return a;
  });
}
