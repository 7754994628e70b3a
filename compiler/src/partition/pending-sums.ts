// Which partial sums stay pending past their producer: where every operand of an op that sums its
// operands (registry fact `partition.sumsPartials`: add, sub) is a partial sum over the same axes in
// the same layout, read by that op alone, the op runs on the partial sums and one reduction completes
// its result (a tied embedding's two gradient terms: one all-reduce, not one per term).

import type { Module, Op } from '../ir/module.js';
import { typesEqual } from '../ir/types.js';
import { opEntry } from '../ops/registry.js';
import type { OpPlan } from './op-plan.js';
import { layoutsEqual, type Layout } from './reshard-plan.js';

/** A value held as partial sums: its tiles' layout, the pending axes, and what was reduced to get there. */
export interface PendingSum {
  readonly layout: Layout;
  readonly axes: readonly string[];
  /** The reduced factors of the ops whose partial sums it adds up, and how their explanation names them. */
  readonly reduced: readonly string[];
  readonly reducedKind: 'contracting' | 'reduced';
  /** How many partial sums were added into it (1: its producer's own). */
  readonly terms: number;
}

export interface PendingSums {
  /** Values (by id) whose reduction waits for the op that sums them: their producer leaves them partial. */
  readonly deferred: ReadonlySet<number>;
  /** Ops (by id) that run on pending partial sums, with the partial sum their result is. */
  readonly summing: ReadonlyMap<number, PendingSum>;
}

/**
 * Walks the ops in order. `planOf` gives each op's plan; `expands(op)` says when the op is rewritten
 * (a split normalization) rather than run as planned, so its plan's partial sums are not its result's.
 */
export function pendingSums(
  m: Module, planOf: (op: Op) => OpPlan | undefined, expands: (op: Op) => boolean,
): PendingSums {
  const uses = new Map<number, number>();
  for (const op of m.ops) for (const v of op.operands) uses.set(v.id, (uses.get(v.id) ?? 0) + 1);
  for (const v of m.outputs) uses.set(v.id, (uses.get(v.id) ?? 0) + 1);
  const partial = new Map<number, PendingSum>();
  const deferred = new Set<number>();
  const summing = new Map<number, PendingSum>();
  for (const op of m.ops) {
    const plan = planOf(op);
    if (plan && plan.partialAxes.length > 0 && plan.combiner === 'sum' && !expands(op)) {
      const reduced = [...plan.factorAxes].filter(([, a]) => a.some((x) => plan.partialAxes.includes(x)))
        .map(([f]) => f);
      const reducedKind = opEntry(op.kind)?.role.contraction ? 'contracting' : 'reduced';
      op.results.forEach((r, i) => {
        const layout = plan.resultLayouts[i];
        if (layout) partial.set(r.id, { layout, axes: plan.partialAxes, reduced, reducedKind, terms: 1 });
      });
    }
    const sum = summed(op, partial, uses);
    const result = op.results[0];
    if (!sum || !result) continue;
    for (const v of op.operands) deferred.add(v.id);
    summing.set(op.id, sum);
    partial.set(result.id, sum);
  }
  return { deferred, summing };
}

/** The partial sum `op`'s result is when it can add its operands' partial sums as they are; else undefined. */
function summed(op: Op, partial: ReadonlyMap<number, PendingSum>, uses: ReadonlyMap<number, number>):
  PendingSum | undefined {
  const result = op.results[0];
  if (!opEntry(op.kind)?.partition.sumsPartials || op.results.length !== 1 || !result) return undefined;
  const terms = op.operands.map((v) => partial.get(v.id));
  const first = terms[0];
  if (!first) return undefined;
  const same = op.operands.every((v, i) => {
    const t = terms[i];
    // each operand read once (here): another reader would need it reduced anyway
    return t && uses.get(v.id) === 1 && typesEqual(v.type, result.type) && layoutsEqual(t.layout, first.layout)
      && t.axes.length === first.axes.length && t.axes.every((a, k) => a === first.axes[k]);
  });
  if (!same) return undefined;
  const all = terms.flatMap((t) => t?.reduced ?? []);
  const kinds = new Set(terms.map((t) => t?.reducedKind));
  return {
    layout: first.layout, axes: first.axes, reduced: [...new Set(all)],
    reducedKind: kinds.size === 1 ? first.reducedKind : 'reduced',
    terms: terms.reduce((n, t) => n + (t?.terms ?? 0), 0),
  };
}
