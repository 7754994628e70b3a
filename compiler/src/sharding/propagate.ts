// Sharding propagation: from a few user annotations to a sharding (and its origin) on every value.
//
// Factor-based, as Shardy: each op's rule (ops.ts) maps tensor dims to factors; axes travel along
// factors. User annotations are never overwritten (closed dims never change, open ones only grow);
// merges only make shardings more specific; an axis is used at most once per tensor.
//
// Order, which decides the answer where two shardings could reach a value:
//  1. User priorities: annotations with `p0` propagate to a fixpoint before `p1`, and so on.
//  2. Phase "uses": a value first takes the sharding its consumers agree on. Pass-through ops
//     (elementwise, transpose, reshape: tier 0) propagate both ways; other ops (einsum, reductions:
//     tier 1) only between their operands, never into their results. So a reshard lands at the
//     output of the op that produces a value, as in GShard's Algorithm 2, where both AllToAlls sit
//     at einsum outputs (dispatch G->E, and expert outputs E->G).
//  3. Phase "all": every op both ways; tier 0 settles to a fixpoint before each tier-1 sweep
//     (communication-free inferences first, as GSPMD's aggressiveness levels).
// Values no annotation reaches are replicated.

import type { Diagnostic } from '@gshard/grammar';
import { cloneModule, type Module, type Op, type Value } from '../ir/module.js';
import type { ShardingRule } from '../ir/op-def.js';
import { opEntry as opDef } from '../ops/registry.js';
import type { Mesh } from '../ir/mesh.js';
import { makeSharding, replicatedSharding, type DimSharding } from '../ir/sharding.js';
import { dimFactors } from './factor-projection.js';
import {
  collectCandidates, conflictDiagnostic, extendTensors, mergeCandidates, visitScope,
  type DimState, type OpInfo, type Phase, type ValueState,
} from './propagate-step.js';
import { at } from '../util/checked.js';

export interface PropagationResult {
  readonly module: Module;
  readonly diagnostics: Diagnostic[];
  /** How many op visits it took (for benches: must not grow with the device count). */
  readonly visits: number;
}

export function propagateShardings(input: Module): PropagationResult {
  const module = cloneModule(input);
  const p = new Propagation(module.mesh);
  for (const v of [...module.inputs, ...module.params]) p.stateOf(v);
  for (const op of module.ops) for (const v of [...op.operands, ...op.results]) p.stateOf(v);
  const tier0 = module.ops.filter((op) => opDef(op.kind)?.tier === 0);
  for (const priority of p.priorities()) {
    p.fixpoint(module.ops, tier0, 'uses', priority);
    p.fixpoint(module.ops, tier0, 'all', priority);
  }
  p.writeBack();
  return { module, diagnostics: p.diagnostics, visits: p.visits };
}

/** The state of one propagation run: what every value knows, per-op facts, diagnostics. */
class Propagation {
  readonly diagnostics: Diagnostic[] = [];
  visits = 0;
  private readonly states = new Map<number, ValueState>();
  private readonly infos = new Map<Op, OpInfo | null>();
  private readonly reported = new Set<string>();

  constructor(private readonly mesh: Mesh) {}

  stateOf(v: Value): ValueState {
    let s = this.states.get(v.id);
    if (!s) {
      const ann = v.annotation;
      s = {
        value: v,
        dims: v.type.dims.map((_, i) => {
          const d = ann?.dims[i];
          return { axes: d ? [...d.axes] : [], closed: d ? d.closed : false, priority: d?.priority ?? Infinity };
        }),
        replicated: ann?.replicated ?? [],
        annotated: Boolean(ann),
        version: 0,
        ...(v.origin ? { origin: v.origin } : {}),
      };
      this.states.set(v.id, s);
    }
    return s;
  }

  /** User priorities present (lowest first), always ending with Infinity (unprioritized). */
  priorities(): number[] {
    const all = [...this.states.values()].flatMap((s) => s.dims.map((d) => d.priority));
    const out = [...new Set(all)].sort((a, b) => a - b);
    if (!out.includes(Infinity)) out.push(Infinity);
    return out;
  }

  /** Pass-through ops settle first, then one sweep of every op; until nothing changes. */
  fixpoint(ops: readonly Op[], tier0: readonly Op[], phase: Phase, maxPriority: number): void {
    for (let round = 0; round < 10_000; round++) {
      while (this.sweep(tier0, phase, maxPriority)) { /* pass-through ops settle first */ }
      if (!this.sweep(ops, phase, maxPriority)) return;
    }
  }

  /** Forward through the ops, then backward. */
  private sweep(ops: readonly Op[], phase: Phase, maxPriority: number): boolean {
    let changed = false;
    for (const op of ops) if (this.visit(op, phase, maxPriority)) changed = true;
    for (let i = ops.length - 1; i >= 0; i--) if (this.visit(at(ops, i, 'ops'), phase, maxPriority)) changed = true;
    return changed;
  }

  /** One op visit: merge factor axes from the allowed sources, extend the allowed targets. */
  private visit(op: Op, phase: Phase, maxPriority: number): boolean {
    const info = this.infoOf(op);
    if (!info) return false;
    // Nothing around the op changed since the last visit in this phase: nothing new to learn.
    const key = `${phase}|${maxPriority}|${info.tensors.reduce((n, t) => n + t.version, 0)}`;
    if (info.seen === key) return false;
    info.seen = key;
    this.visits++;
    const scope = visitScope(info, phase, maxPriority);
    const chosen = mergeCandidates(info, collectCandidates(this.mesh, info, scope), (factor, kept, dropped) => {
      const d = conflictDiagnostic(op, factor, kept, dropped);
      if (!d) return;
      // Once per op and factor, and once per pair of annotations (their meeting reshards downstream too).
      const at = `${op.id}|${factor.name}`;
      const pair = `${d.related?.map((r) => `${r.span.start.offset}-${r.span.end.offset}`).join('|')}|${factor.name}`;
      if (this.reported.has(at) || this.reported.has(pair)) return;
      this.reported.add(at);
      this.reported.add(pair);
      this.diagnostics.push(d);
    });
    if (chosen.size === 0) return false;
    return extendTensors(this.mesh, op, info, scope, chosen);
  }

  private infoOf(op: Op): OpInfo | null {
    let info = this.infos.get(op);
    if (info === undefined) {
      const def = opDef(op.kind);
      if (!def) info = null;
      else {
        const rule = def.rule(op.operands.map((v) => v.type), op.results.map((v) => v.type), op.attrs);
        const tensors = [...op.operands, ...op.results].map((v) => this.stateOf(v));
        info = {
          tier: def.tier, rule, tensors, nOperands: op.operands.length,
          factorDims: tensors.map((_, t) => dimFactors(rule, t, op.operands.length)),
          factorByName: new Map(rule.factors.map((f) => [f.name, f])),
          batch: batchFactors(rule),
          seen: '',
        };
      }
      this.infos.set(op, info);
    }
    return info;
  }

  /** Every value gets a sharding and an origin; values no annotation reached are replicated. */
  writeBack(): void {
    const mesh = this.mesh;
    for (const s of this.states.values()) {
      const v = s.value;
      if (v.annotation) {
        const ann = v.annotation;
        v.sharding = makeSharding(mesh, s.dims.map((d, i) => toDim(d, at(ann.dims, i, 'ann.dims'))),
          { replicated: ann.replicated, unreduced: ann.unreduced });
        continue;
      }
      const split = s.dims.some((d) => d.axes.length > 0);
      v.sharding = split
        ? makeSharding(mesh, s.dims.map((d) =>
          ({ axes: d.axes, closed: false, ...(Number.isFinite(d.priority) ? { priority: d.priority } : {}) })))
        : replicatedSharding(mesh, v.type.dims.length, false);
      v.origin = split && s.origin ? s.origin : { annotated: false, chain: [] };
    }
  }
}

/** Factors present in every operand and in some result of the op. */
function batchFactors(rule: ShardingRule): Set<string> {
  const inResults = new Set(rule.results.flat(2));
  const out = new Set<string>();
  for (const f of rule.factors) {
    if (inResults.has(f.name) && rule.operands.every((t) => t.some((d) => d.includes(f.name)))) out.add(f.name);
  }
  return out;
}

function toDim(d: DimState, original: DimSharding): DimSharding {
  const priority = original.priority !== undefined ? { priority: original.priority } : {};
  return { axes: d.axes, closed: original.closed, ...priority };
}
