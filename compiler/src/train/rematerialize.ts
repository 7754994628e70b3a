// Rematerialisation in the training program: each remat region's forward ops run again just before the
// region's backward, which reads the recomputed values instead of ones kept from the forward pass.

import { allValues, type Module, type Op, type Value } from '../ir/module.js';
import { liveOpSet } from './live-ops.js';

export interface RematResult {
  readonly module: Module;
  /** The recomputed ops kept (those a backward op needs). */
  readonly recomputed: number;
}

interface Region {
  readonly forward: Op[];
  /** Forward values of the region its backward may read recomputed (not needed outside it anyway). */
  readonly internal: Set<number>;
}

/**
 * Runs after propagation, so each copy takes the sharding of the value it recomputes and partitions
 * exactly as the forward op did (its collectives run again too). Values a region's forward ops make
 * that anything outside the region reads (its results) stay kept; the region's inputs are kept as they
 * are. Copies no backward op reads are dropped.
 */
export function rematerialize(m: Module): RematResult {
  const regions = regionsOf(m);
  if (regions.size === 0) return { module: m, recomputed: 0 };
  let nextValue = 1 + allValues(m).reduce((n, v) => Math.max(n, v.id), -1);
  let nextOp = 1 + m.ops.reduce((n, op) => Math.max(n, op.id), -1);
  const names = new Set(allValues(m).map((v) => v.name));
  const fresh = (base: string): string => {
    let name = base;
    for (let k = 1; names.has(name); k++) name = `${base}.${k}`;
    names.add(name);
    return name;
  };
  const temporaries = new Set(m.temporaries ?? []);
  const copies = new Set<Op>();
  const recomputedIn = new Map<string, Map<number, Value>>();
  const ops: Op[] = [];
  for (const op of m.ops) {
    const region = op.phase === 'backward' && op.remat ? regions.get(op.remat) : undefined;
    if (!region || !op.remat) {
      ops.push(op);
      continue;
    }
    let recomputed = recomputedIn.get(op.remat);
    if (!recomputed) {
      // the region's first backward op: its forward ops run again here
      const copyOf = new Map<number, Value>();
      for (const f of region.forward) {
        const results = f.results.map((r): Value => {
          const name = fresh(`${r.name}.remat`);
          if (temporaries.has(r.name)) temporaries.add(name);
          return { ...r, id: nextValue++, name };
        });
        f.results.forEach((r, i) => { const c = results[i]; if (c) copyOf.set(r.id, c); });
        const operands = f.operands.map((v) => (region.internal.has(v.id) ? copyOf.get(v.id) ?? v : v));
        const copy: Op = { ...f, id: nextOp++, operands, results, phase: 'recompute' };
        copies.add(copy);
        ops.push(copy);
      }
      recomputed = new Map([...copyOf].filter(([id]) => region.internal.has(id)));
      recomputedIn.set(op.remat, recomputed);
    }
    const map = recomputed;
    const reads = op.operands.map((v) => map.get(v.id) ?? v);
    ops.push(reads.some((v, i) => v !== op.operands[i]) ? { ...op, operands: reads } : op);
  }
  const live = withoutDeadCopies(ops, copies, m.outputs);
  const recomputed = live.filter((op) => copies.has(op)).length;
  return {
    module: { ...m, ops: live, ...(m.temporaries ? { temporaries } : {}) },
    recomputed,
  };
}

/** The forward ops of each region, and which of their values only the region itself reads. */
function regionsOf(m: Module): Map<string, Region> {
  const regions = new Map<string, Region>();
  const regionOfValue = new Map<number, string>();
  for (const op of m.ops) {
    if (op.phase || !op.remat) continue;
    let r = regions.get(op.remat);
    if (!r) regions.set(op.remat, (r = { forward: [], internal: new Set() }));
    r.forward.push(op);
    for (const v of op.results) {
      regionOfValue.set(v.id, op.remat);
      r.internal.add(v.id);
    }
  }
  // read by an op of another region, by a forward op outside any, or by the update: kept, not recomputed
  const keep = (v: Value) => {
    const home = regionOfValue.get(v.id);
    if (home !== undefined) regions.get(home)?.internal.delete(v.id);
  };
  for (const op of m.ops) {
    for (const v of op.operands) {
      const home = regionOfValue.get(v.id);
      if (home !== undefined && op.remat !== home) keep(v);
    }
  }
  m.outputs.forEach(keep);
  return regions;
}

/** `ops` less the copies no output depends on (the rest were live already). */
function withoutDeadCopies(ops: readonly Op[], copies: ReadonlySet<Op>, outputs: readonly Value[]): Op[] {
  const live = liveOpSet(ops, outputs);
  return ops.filter((op) => !copies.has(op) || live.has(op));
}
