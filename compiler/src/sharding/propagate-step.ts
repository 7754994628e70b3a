// One op visit of sharding propagation, in three pure-ish steps over the op's tensors: collect the
// axes each factor could take from the tensors allowed as sources, merge them per factor (priority,
// then annotation, then the first tensor; conflicting user intent is reported), and extend the
// tensors allowed as targets. propagate.ts drives the visits to a fixpoint.

import type { Diagnostic, Span } from '@gshard/grammar';
import type { Op, OriginStep, ShardingOrigin, Value } from '../ir/module.js';
import type { Factor, ShardingRule } from '../ir/op-def.js';
import type { Mesh } from '../ir/mesh.js';
import { compatible, projectDim, unprojectDim, axesProduct } from './factor-projection.js';
import { at } from '../util/checked.js';

export type Phase = 'uses' | 'all';

/** What one dim knows during propagation. */
export interface DimState {
  axes: string[];
  closed: boolean;
  /** Priority of where the axes came from (lower first); Infinity when unspecified. */
  priority: number;
}

export interface ValueState {
  readonly value: Value;
  dims: DimState[];
  readonly replicated: readonly string[];
  origin?: ShardingOrigin;
  /** The value's sharding came from a user annotation. */
  readonly annotated: boolean;
  /** Bumped on every change, so an op whose tensors did not change is not visited again. */
  version: number;
}

/** What a visit needs about an op, computed once (rules never change during propagation). */
export interface OpInfo {
  readonly tier: 0 | 1;
  readonly rule: ShardingRule;
  /** Operands then results. */
  readonly tensors: ValueState[];
  readonly nOperands: number;
  readonly factorDims: Factor[][][];
  readonly factorByName: Map<string, Factor>;
  readonly batch: Set<string>;
  /** Sum of the tensors' versions (and the phase) when last visited. */
  seen: string;
}

/** Axes a factor could take, and where they come from. */
export interface Candidate {
  axes: string[];
  priority: number;
  annotated: boolean;
  source: ValueState;
}

/** Which of the op's tensors a visit reads from and writes to. */
export interface VisitScope {
  readonly phase: Phase;
  readonly maxPriority: number;
  /** Tensor t (operands first) takes part in this visit. */
  allowed(t: number): boolean;
  /** Only these factors link tensors (the uses phase at a tier-1 op: batch factors). */
  readonly onlyFactors: ReadonlySet<string> | undefined;
}

export function visitScope(info: OpInfo, phase: Phase, maxPriority: number): VisitScope {
  // In the uses phase a tier-1 op links its operands only (never its results), and only through
  // batch factors (in every operand and in a result): a weight's contracting dim says nothing
  // about the activation's.
  const operandOnly = phase === 'uses' && info.tier === 1;
  return {
    phase, maxPriority,
    allowed: (t) => !operandOnly || t < info.nOperands,
    onlyFactors: operandOnly ? info.batch : undefined,
  };
}

/** Step 1: per factor, the axes every allowed tensor's dims project onto it. */
export function collectCandidates(mesh: Mesh, info: OpInfo, scope: VisitScope): Map<string, Candidate[]> {
  const candidates = new Map<string, Candidate[]>();
  info.tensors.forEach((s, t) => {
    if (!scope.allowed(t)) return;
    at(info.factorDims, t, 'info.factorDims').forEach((factors, d) => {
      const dim = s.dims[d];
      if (!dim || dim.axes.length === 0 || dim.priority > scope.maxPriority) return;
      const projected = projectDim(mesh, dim.axes, factors);
      for (const [name, axes] of projected) {
        if (axes.length === 0 || (scope.onlyFactors && !scope.onlyFactors.has(name))) continue;
        const list = candidates.get(name) ?? [];
        list.push({ axes, priority: dim.priority, annotated: s.annotated, source: s });
        candidates.set(name, list);
      }
    });
  });
  return candidates;
}

/**
 * Step 2: one choice per factor: lowest priority number, then annotated, then first tensor; a
 * compatible longer candidate of the same priority refines it; an incompatible one is a conflict.
 */
export function mergeCandidates(info: OpInfo, candidates: Map<string, Candidate[]>,
  onConflict: (factor: Factor, kept: Candidate, dropped: Candidate) => void): Map<string, Candidate> {
  const chosen = new Map<string, Candidate>();
  for (const [name, list] of candidates) {
    const factor = info.factorByName.get(name);
    if (!factor || factor.kind === 'blocked') continue;
    const ordered = [...list].sort((a, b) => a.priority - b.priority || Number(b.annotated) - Number(a.annotated));
    let best = at(ordered, 0, 'ordered');
    for (const c of ordered.slice(1)) {
      if (compatible(best.axes, c.axes)) {
        if (c.axes.length > best.axes.length && c.priority === best.priority) best = { ...c };
      } else {
        onConflict(factor, best, c);
      }
    }
    chosen.set(name, best);
  }
  return chosen;
}

/**
 * Step 3: each allowed tensor's dims grow to the chosen factor axes, where that only adds axes
 * (closed dims, used or replicated axes, and splits finer than the dim stay out). Forward when the
 * tensor is a result, backward when an operand. Returns whether anything changed.
 */
export function extendTensors(mesh: Mesh, op: Op, info: OpInfo, scope: VisitScope,
  chosen: Map<string, Candidate>): boolean {
  let changed = false;
  info.tensors.forEach((s, t) => {
    if (!scope.allowed(t)) return;
    const used = new Set(s.dims.flatMap((d) => d.axes));
    const proposals = at(info.factorDims, t, 'info.factorDims').map((factors, d) => {
      const axesByFactor = new Map<string, string[]>();
      let source: Candidate | undefined;
      for (const f of factors) {
        const c = chosen.get(f.name);
        axesByFactor.set(f.name, c ? c.axes : []);
        if (c && !source) source = c;
      }
      return { d, axes: unprojectDim(mesh, axesByFactor, factors), source };
    }).filter((p): p is typeof p & { source: Candidate } => p.source !== undefined)
      .sort((a, b) => a.source.priority - b.source.priority || a.d - b.d);
    for (const p of proposals) {
      const dim = at(s.dims, p.d, 's.dims');
      if (dim.closed || p.axes.length <= dim.axes.length || !compatible(dim.axes, p.axes)) continue;
      const added = p.axes.slice(dim.axes.length);
      if (added.some((a) => used.has(a) || s.replicated.includes(a))) continue;
      if (axesProduct(mesh, p.axes) > s.value.type.dims[p.d]!.size) continue; // never split a dim finer than its size
      dim.axes = [...p.axes];
      dim.priority = Math.min(dim.priority, p.source.priority);
      added.forEach((a) => used.add(a));
      s.version++;
      if (!s.origin && p.source.source !== s) {
        s.origin = extendOrigin(p.source.source, op, t < info.nOperands ? 'backward' : 'forward');
      }
      changed = true;
    }
  });
  return changed;
}

function extendOrigin(source: ValueState, op: Op, direction: 'forward' | 'backward'): ShardingOrigin {
  const step: OriginStep = { from: source.value.name, through: op.kind, direction, span: op.span };
  const chain = source.origin?.chain ?? [{ from: source.value.name, span: source.value.span }];
  // Chains are capped so a 36-layer model does not carry thousands of steps per value.
  const capped = chain.length >= 24 ? [...chain.slice(0, 4), ...chain.slice(chain.length - 19)] : chain;
  return { annotated: false, chain: [...capped, step] };
}

/** Only user intent that disagrees is worth a diagnostic; inferred disagreements are reshards. */
export function conflictDiagnostic(op: Op, factor: Factor, kept: Candidate,
  dropped: Candidate): Diagnostic | undefined {
  // User intent that disagrees is worth a diagnostic: two shardings that each come from an
  // annotation, directly or carried there by propagation (an einsum of `a * 2` and `b`).
  const fromAnnotation = (c: Candidate) => c.annotated || (c.source.origin?.chain.length ?? 0) > 0;
  if (!fromAnnotation(kept) || !fromAnnotation(dropped)) return undefined;
  const k = kept.source.value.name;
  const d = dropped.source.value.name;
  const rootSpan = (c: Candidate): Span => c.source.origin?.chain[0]?.span ?? c.source.value.span;
  const whence = (c: Candidate) => {
    const from = c.source.origin?.chain[0]?.from;
    return c.annotated || from === undefined ? `${c.source.value.name} gets its sharding here`
      : `${c.source.value.name} gets its sharding from the annotation of ${from} here`;
  };
  return {
    code: 'shard-conflict', severity: 'warning', span: op.span,
    message: `Conflicting shardings meet at ${op.kind}: ` +
      `dim ${factor.name} of ${k} is split on (${kept.axes.join(', ')}) ` +
      `but of ${d} on (${dropped.axes.join(', ')}); ` +
      `keeping ${k}'s${kept.priority < dropped.priority ? ' (higher priority)' : ''}, so ${d} is resharded here.`,
    related: [
      { message: whence(kept), span: rootSpan(kept) },
      { message: whence(dropped), span: rootSpan(dropped) },
    ],
  };
}
