// The contraction order of each einsum of three or more operands, as `cost` and `explain` report it:
// read from Module.einsumOrders (what lowering chose and emitted), with each step's FLOPs per device
// from the program's own op; instances of a layer with the same order are folded into one entry.

import type { Module, Op } from '../ir/module.js';
import { type EinsumOrder, einsumSpecText, orderCostText, orderText, stepText } from '../ir/einsum-order.js';
import { userName } from '../ir/user-names.js';
import { opWork } from './flops.js';

export interface EinsumOrderStepEntry {
  readonly a: string;
  readonly b: string;
  readonly result: string;
  readonly spec: string;
  /** Global FLOPs of the step. */
  readonly flops: number;
  /** FLOPs per device of the step's op in this program (sharded contractions split them). */
  readonly flopsPerDevice?: number;
}

export interface EinsumOrderEntry {
  readonly line: number;
  readonly col: number;
  readonly spec: string;
  readonly operands: readonly string[];
  readonly result: string;
  /** Layer instances with this same order (names are those of the first). */
  readonly instances: number;
  /** The order on one line: `(b·c)->y.pair0 [NKH,H->NK], (a·y.pair0)->y [MNK,NK->M]`. */
  readonly order: string;
  readonly steps: readonly EinsumOrderStepEntry[];
  readonly flops: number;
  readonly leftToRightFlops: number;
  readonly worstFlops?: number;
  readonly search: 'exhaustive' | 'greedy';
}

/**
 * The op that first computes global value `name` (in a local program, through globalName): for a step's
 * result that is its einsum, since a collective completing it (an all-reduce of partial sums) comes after.
 */
function opsByGlobalResult(m: Module): Map<string, Op> {
  const byName = new Map<string, Op>();
  for (const op of m.ops) {
    const r = op.results[0];
    if (r && !byName.has(r.globalName ?? r.name)) byName.set(r.globalName ?? r.name, op);
  }
  return byName;
}

function entryOf(m: Module, o: EinsumOrder, ops: ReadonlyMap<string, Op>): EinsumOrderEntry {
  const name = (n: string) => userName(m, n);
  return {
    line: o.span.start.line, col: o.span.start.col, spec: o.spec, operands: o.operands.map(name),
    result: name(o.result), instances: 1, order: orderText(o, name),
    steps: o.steps.map((s) => {
      const op = ops.get(s.result);
      return {
        a: name(s.a), b: name(s.b), result: name(s.result), spec: einsumSpecText(s.inputs, s.output), flops: s.flops,
        ...(op ? { flopsPerDevice: opWork(op).flops } : {}),
      };
    }),
    flops: o.flops, leftToRightFlops: o.leftToRightFlops,
    ...(o.worstFlops !== undefined ? { worstFlops: o.worstFlops } : {}), search: o.search,
  };
}

/** Per source einsum and distinct order, in source order: its first instance's order and the entry. */
function folded(m: Module): { order: EinsumOrder; entry: EinsumOrderEntry }[] {
  const orders = m.einsumOrders ?? [];
  if (orders.length === 0) return [];
  const ops = opsByGlobalResult(m);
  const byKey = new Map<string, { order: EinsumOrder; entry: EinsumOrderEntry }>();
  for (const order of orders) {
    const entry = entryOf(m, order, ops);
    // Instances differ only in names: the same call, steps and FLOPs fold.
    const key = JSON.stringify([order.span.start.offset, entry.spec,
      entry.steps.map((s) => [s.spec, s.flops, s.flopsPerDevice])]);
    const prior = byKey.get(key);
    byKey.set(key, prior ? { ...prior, entry: { ...prior.entry, instances: prior.entry.instances + 1 } }
      : { order, entry });
  }
  return [...byKey.values()].sort((x, y) => x.entry.line - y.entry.line || x.entry.col - y.entry.col);
}

/** The --json entries (empty when the program has no einsum of three or more operands). */
export function einsumOrderEntries(m: Module): EinsumOrderEntry[] {
  return folded(m).map((f) => f.entry);
}

/** The report's lines (none without an n-ary einsum); `where` writes a source position (`9:7`, `file:9:7`). */
export function einsumOrderLines(m: Module, where: (line: number, col: number) => string): string[] {
  const all = folded(m);
  if (all.length === 0) return [];
  const lines = [
    'einsum contraction orders (lowering picks the fewest FLOPs; global FLOPs, per device in parentheses):'];
  for (const { order, entry: e } of all) {
    const times = e.instances > 1 ? ` ×${e.instances}` : '';
    lines.push(`  ${where(e.line, e.col)}: ${e.result} = einsum("${e.spec}", ${e.operands.join(', ')})${times}: `
      + orderCostText(order));
    order.steps.forEach((step, i) => {
      const perDevice = e.steps[i]?.flopsPerDevice;
      lines.push(`    ${i + 1}. ${stepText(step, (n) => userName(m, n))}  ${step.flops} FLOPs`
        + (perDevice !== undefined ? ` (${perDevice} per device)` : ''));
    });
  }
  return lines;
}
