// Which HBM bytes an op really moves once XLA-style fusion keeps elementwise chains in registers.
//
// Rule (a simplified XLA loop/input fusion): an edge producer -> consumer is internal to a fusion, and
// costs no HBM traffic, when the producer is elementwise, it has exactly one user, and the consumer is
// elementwise or a reduction-like op (reduce_*, softmax, layer_norm, cumsum) that XLA fuses its inputs
// into. Each op then pays for the operands it reads from HBM and the results it writes to HBM.

import { type Module, type Op, usersOf } from '../ir/module.js';
import { byteSize } from '../ir/types.js';

const ELEMENTWISE = new Set(['add', 'sub', 'mul', 'div', 'max', 'lt', 'gt', 'relu', 'gelu', 'exp', 'log', 'tanh', 'neg', 'cast', 'mask', 'one_hot']);
const FUSES_INPUTS = new Set([...ELEMENTWISE, 'reduce_sum', 'reduce_mean', 'reduce_max', 'softmax', 'log_softmax', 'layer_norm', 'cumsum']);

export function isElementwise(kind: string): boolean {
  return ELEMENTWISE.has(kind);
}

/** HBM bytes per op id after fusion, for the vector ops of the module (others are absent). */
export function fusedBytes(module: Module): Map<number, number> {
  const users = usersOf(module);
  const producer = new Map<number, Op>();
  for (const op of module.ops) for (const r of op.results) producer.set(r.id, op);
  const internal = (p: Op | undefined, valueId: number, consumer: Op): boolean =>
    p !== undefined && ELEMENTWISE.has(p.kind) && FUSES_INPUTS.has(consumer.kind) && (users.get(valueId)?.length ?? 0) === 1;
  const out = new Map<number, number>();
  for (const op of module.ops) {
    if (!FUSES_INPUTS.has(op.kind)) continue;
    let bytes = 0;
    for (const v of op.operands) if (!internal(producer.get(v.id), v.id, op)) bytes += byteSize(v.type);
    for (const r of op.results) {
      const us = users.get(r.id) ?? [];
      const fusedAway = us.length === 1 && internal(op, r.id, us[0]!) && !module.outputs.includes(r);
      if (!fusedAway) bytes += byteSize(r.type);
    }
    out.set(op.id, bytes);
  }
  return out;
}
