// The ops a set of values depends on: what the training program keeps (its outputs' producers, transitively).
import type { Op, Value } from '../ir/module.js';

/** Every op of `ops` that `outputs` depend on, through operands. */
export function liveOpSet(ops: readonly Op[], outputs: readonly Value[]): Set<Op> {
  const producer = new Map<number, Op>();
  for (const op of ops) for (const r of op.results) producer.set(r.id, op);
  const live = new Set<Op>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const v = stack.pop();
    const op = v && producer.get(v.id);
    if (!op || live.has(op)) continue;
    live.add(op);
    stack.push(...op.operands);
  }
  return live;
}
