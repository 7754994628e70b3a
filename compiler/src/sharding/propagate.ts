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

import type { Diagnostic, Span } from '@gshard/grammar';
import { cloneModule, type Module, type Op, type OriginStep, type ShardingOrigin, type Value } from '../ir/module.js';
import { opDef, type Factor, type ShardingRule } from '../ir/ops.js';
import { makeSharding, replicatedSharding, type DimSharding } from '../ir/sharding.js';
import { compatible, dimFactors, projectDim, unprojectDim, axesProduct } from './factor-projection.js';

export interface PropagationResult {
  readonly module: Module;
  readonly diagnostics: Diagnostic[];
  /** How many op visits it took (for benches: must not grow with the device count). */
  readonly visits: number;
}

type Phase = 'uses' | 'all';

/** What one dim knows during propagation. */
interface DimState {
  axes: string[];
  closed: boolean;
  /** Priority of where the axes came from (lower first); Infinity when unspecified. */
  priority: number;
}

interface ValueState {
  readonly value: Value;
  dims: DimState[];
  readonly replicated: readonly string[];
  origin?: ShardingOrigin;
  /** The value's sharding came from a user annotation. */
  readonly annotated: boolean;
  /** Bumped on every change, so an op whose tensors did not change is not visited again. */
  version: number;
}

interface Candidate {
  axes: string[];
  priority: number;
  annotated: boolean;
  source: ValueState;
}

export function propagateShardings(input: Module): PropagationResult {
  const module = cloneModule(input);
  const mesh = module.mesh;
  const states = new Map<number, ValueState>();
  const stateOf = (v: Value): ValueState => {
    let s = states.get(v.id);
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
      states.set(v.id, s);
    }
    return s;
  };
  /** What a visit needs about an op, computed once (rules never change during propagation). */
  interface OpInfo {
    readonly tier: 0 | 1;
    readonly rule: ShardingRule;
    readonly tensors: ValueState[];
    readonly nOperands: number;
    readonly factorDims: Factor[][][];
    readonly factorByName: Map<string, Factor>;
    readonly batch: Set<string>;
    /** Sum of the tensors' versions (and the phase) when last visited. */
    seen: string;
  }
  const infos = new Map<Op, OpInfo | null>();
  const infoOf = (op: Op): OpInfo | null => {
    let info = infos.get(op);
    if (info === undefined) {
      const def = opDef(op.kind);
      if (!def) info = null;
      else {
        const rule = def.rule(op.operands.map((v) => v.type), op.results.map((v) => v.type), op.attrs);
        const tensors = [...op.operands, ...op.results].map(stateOf);
        info = {
          tier: def.tier, rule, tensors, nOperands: op.operands.length,
          factorDims: tensors.map((_, t) => dimFactors(rule, t, op.operands.length)),
          factorByName: new Map(rule.factors.map((f) => [f.name, f])),
          batch: batchFactors(rule),
          seen: '',
        };
      }
      infos.set(op, info);
    }
    return info;
  };
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  let visits = 0;

  /** One op visit: merge factor axes from the allowed sources, extend the allowed targets. */
  const visit = (op: Op, phase: Phase, maxPriority: number): boolean => {
    const info = infoOf(op);
    if (!info) return false;
    // Nothing around the op changed since the last visit in this phase: nothing new to learn.
    const key = `${phase}|${maxPriority}|${info.tensors.reduce((n, t) => n + t.version, 0)}`;
    if (info.seen === key) return false;
    info.seen = key;
    visits++;
    const { rule, nOperands, factorDims } = info;
    const tensors = op.operands.concat(op.results);
    const operandOnly = phase === 'uses' && info.tier === 1;
    const allowed = (t: number) => !operandOnly || t < nOperands;

    // In the uses phase a tier-1 op links its operands only through batch factors (in every
    // operand and in a result): a weight's contracting dim says nothing about the activation's.
    const batchOnly = operandOnly ? info.batch : undefined;

    // Gather candidates per factor.
    const candidates = new Map<string, Candidate[]>();
    tensors.forEach((v, t) => {
      if (!allowed(t)) return;
      const s = stateOf(v);
      factorDims[t]!.forEach((factors, d) => {
        const dim = s.dims[d];
        if (!dim || dim.axes.length === 0 || dim.priority > maxPriority) return;
        const projected = projectDim(mesh, dim.axes, factors);
        for (const [name, axes] of projected) {
          if (axes.length === 0 || (batchOnly && !batchOnly.has(name))) continue;
          const list = candidates.get(name) ?? [];
          list.push({ axes, priority: dim.priority, annotated: s.annotated, source: s });
          candidates.set(name, list);
        }
      });
    });

    // Pick per factor: lowest priority number, then annotated, then first tensor; merge compatible.
    const chosen = new Map<string, Candidate>();
    const factorByName = info.factorByName;
    for (const [name, list] of candidates) {
      const factor = factorByName.get(name);
      if (!factor || factor.kind === 'blocked') continue;
      const ordered = [...list].sort((a, b) => a.priority - b.priority || Number(b.annotated) - Number(a.annotated));
      let best = ordered[0]!;
      for (const c of ordered.slice(1)) {
        if (compatible(best.axes, c.axes)) {
          if (c.axes.length > best.axes.length && c.priority === best.priority) best = { ...c };
        } else {
          reportConflict(op, factor, best, c);
        }
      }
      chosen.set(name, best);
    }
    if (chosen.size === 0) return false;

    // Extend targets.
    let changed = false;
    tensors.forEach((v, t) => {
      if (!allowed(t)) return;
      const s = stateOf(v);
      const used = new Set(s.dims.flatMap((d) => d.axes));
      const proposals = factorDims[t]!.map((factors, d) => {
        const axesByFactor = new Map<string, string[]>();
        let source: Candidate | undefined;
        for (const f of factors) {
          const c = chosen.get(f.name);
          axesByFactor.set(f.name, c ? c.axes : []);
          if (c && !source) source = c;
        }
        return { d, axes: unprojectDim(mesh, axesByFactor, factors), source };
      }).filter((p) => p.source)
        .sort((a, b) => a.source!.priority - b.source!.priority || a.d - b.d);
      for (const p of proposals) {
        const dim = s.dims[p.d]!;
        if (dim.closed || p.axes.length <= dim.axes.length || !compatible(dim.axes, p.axes)) continue;
        const added = p.axes.slice(dim.axes.length);
        if (added.some((a) => used.has(a) || s.replicated.includes(a))) continue;
        if (axesProduct(mesh, p.axes) > v.type.dims[p.d]!.size) continue; // never split a dim finer than its size
        dim.axes = [...p.axes];
        dim.priority = Math.min(dim.priority, p.source!.priority);
        added.forEach((a) => used.add(a));
        s.version++;
        if (!s.origin && p.source!.source !== s) s.origin = extendOrigin(p.source!.source, op, t < nOperands ? 'backward' : 'forward');
        changed = true;
      }
    });
    return changed;
  };

  const extendOrigin = (source: ValueState, op: Op, direction: 'forward' | 'backward'): ShardingOrigin => {
    const step: OriginStep = { from: source.value.name, through: op.kind, direction, span: op.span };
    const chain = source.origin?.chain ?? [{ from: source.value.name, span: source.value.span }];
    // Chains are capped so a 36-layer model does not carry thousands of steps per value.
    const capped = chain.length >= 24 ? [...chain.slice(0, 4), ...chain.slice(chain.length - 19)] : chain;
    return { annotated: false, chain: [...capped, step] };
  };

  const reportConflict = (op: Op, factor: Factor, kept: Candidate, dropped: Candidate) => {
    // User intent that disagrees is worth a diagnostic: two shardings that each come from an
    // annotation, directly or carried there by propagation (an einsum of `a * 2` and `b`).
    const fromAnnotation = (c: Candidate) => c.annotated || (c.source.origin?.chain.length ?? 0) > 0;
    if (!fromAnnotation(kept) || !fromAnnotation(dropped)) return;
    const rootSpan = (c: Candidate): Span => c.source.origin?.chain[0]?.span ?? c.source.value.span;
    const whence = (c: Candidate) => (c.annotated ? `${c.source.value.name} gets its sharding here`
      : `${c.source.value.name} gets its sharding from the annotation of ${c.source.origin!.chain[0]!.from} here`);
    // Once per op and factor, and once per pair of annotations (their meeting reshards downstream too).
    const at = (sp: Span) => `${sp.start.offset}-${sp.end.offset}`;
    const key = `${op.id}|${factor.name}`;
    const pair = `${at(rootSpan(kept))}|${at(rootSpan(dropped))}|${factor.name}`;
    if (reported.has(key) || reported.has(pair)) return;
    reported.add(key);
    reported.add(pair);
    diagnostics.push({
      code: 'shard-conflict', severity: 'warning', span: op.span,
      message: `Conflicting shardings meet at ${op.kind}: dim ${factor.name} of ${kept.source.value.name} is split on (${kept.axes.join(', ')}) but of ${dropped.source.value.name} on (${dropped.axes.join(', ')}); keeping ${kept.source.value.name}'s${kept.priority < dropped.priority ? ' (higher priority)' : ''}, so ${dropped.source.value.name} is resharded here.`,
      related: [
        { message: whence(kept), span: rootSpan(kept) },
        { message: whence(dropped), span: rootSpan(dropped) },
      ],
    });
  };

  const sweep = (ops: readonly Op[], phase: Phase, maxPriority: number): boolean => {
    let changed = false;
    for (const op of ops) if (visit(op, phase, maxPriority)) changed = true;
    for (let i = ops.length - 1; i >= 0; i--) if (visit(ops[i]!, phase, maxPriority)) changed = true;
    return changed;
  };

  const tier0 = module.ops.filter((op) => opDef(op.kind)?.tier === 0);
  const fixpoint = (phase: Phase, maxPriority: number) => {
    for (let round = 0; round < 10_000; round++) {
      while (sweep(tier0, phase, maxPriority)) { /* pass-through ops settle first */ }
      if (!sweep(module.ops, phase, maxPriority)) return;
    }
  };

  for (const v of [...module.inputs, ...module.params]) stateOf(v);
  for (const op of module.ops) for (const v of [...op.operands, ...op.results]) stateOf(v);
  const priorities = [...new Set([...states.values()].flatMap((s) => s.dims.map((d) => d.priority)))].sort((a, b) => a - b);
  if (!priorities.includes(Infinity)) priorities.push(Infinity);
  for (const p of priorities) {
    fixpoint('uses', p);
    fixpoint('all', p);
  }

  // Write the result back: every value gets a sharding and an origin.
  for (const s of states.values()) {
    const v = s.value;
    if (v.annotation) {
      v.sharding = makeSharding(mesh, s.dims.map((d, i) => toDim(d, v.annotation!.dims[i]!)), { replicated: v.annotation.replicated, unreduced: v.annotation.unreduced });
      continue;
    }
    const split = s.dims.some((d) => d.axes.length > 0);
    v.sharding = split
      ? makeSharding(mesh, s.dims.map((d) => ({ axes: d.axes, closed: false, ...(Number.isFinite(d.priority) ? { priority: d.priority } : {}) })))
      : replicatedSharding(mesh, v.type.dims.length, false);
    v.origin = split && s.origin ? s.origin : { annotated: false, chain: [] };
  }
  return { module, diagnostics, visits };
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
  return { axes: d.axes, closed: original.closed, ...(original.priority !== undefined ? { priority: original.priority } : {}) };
}
