// Which HBM bytes an op really moves once XLA-style fusion keeps elementwise chains in registers.
//
// Rule (a simplified XLA loop/input fusion): an edge producer -> consumer is internal to a fusion, and
// costs no HBM traffic, when the producer is elementwise, it has exactly one user, and the consumer is
// elementwise (an einsum contracting nothing counts) or a reduction-like op (reduce_*, softmax, layer_norm, cumsum)
// that XLA fuses its inputs
// into. Each op then pays for the operands it reads from HBM and the results it writes to HBM.
// Output fusion: a matmul whose result has one user, an elementwise op (relu, x * scale, a residual
// add), hands it over in VMEM: XLA's TPU backend fuses elementwise consumers into the convolution/dot
// fusion ("kOutput"), so neither the matmul's write nor the elementwise op's read of it touches HBM.
// The fused op is part of the matmul's kernel: its other HBM traffic (a residual read, its result's write) streams
// while the MXU works, so step.ts times it inside the matmul (outputFusionHosts), not after it.

import { type Module, type Op, usersOf } from '../ir/module.js';
import { byteSize } from '../ir/types.js';
import { opEntry } from '../ops/registry.js';
import type { FusionClass } from '../ops/entry.js';
import { must } from '../util/checked.js';

/** The op's fusion class, from its registry entry (an einsum's depends on what it contracts). */
function fusionOf(op: Op): FusionClass {
  return opEntry(op.kind)?.fusion(op) ?? 'none';
}

/** Elementwise ops, and einsums that contract nothing (broadcast multiplies, see ops/einsum.ts). */
function elementwiseOp(op: Op): boolean {
  return fusionOf(op) === 'elementwise';
}

/** Ops XLA fuses their elementwise producers into: elementwise ops themselves and reduction-like ops. */
function fusesInputs(op: Op): boolean {
  const c = fusionOf(op);
  return c === 'elementwise' || c === 'reduction';
}

/** An einsum that contracts something: it runs on the MXU and may take an output fusion. */
function isMatmul(op: Op): boolean {
  return fusionOf(op) === 'matmul';
}

/** A matmul (an einsum that contracts something) whose result feeds exactly one elementwise op: an output fusion. */
function outputFused(op: Op | undefined, valueId: number, users: Map<number, Op[]>): boolean {
  const us = users.get(valueId) ?? [];
  const only = us.length === 1 ? us[0] : undefined;
  return op !== undefined && isMatmul(op) && only !== undefined && elementwiseOp(only);
}

/** HBM bytes per op id after fusion, for the vector ops and matmuls of the module (others are absent). */
export function fusedBytes(module: Module): Map<number, number> {
  const users = usersOf(module);
  const producer = new Map<number, Op>();
  for (const op of module.ops) for (const r of op.results) producer.set(r.id, op);
  const internal = (p: Op | undefined, valueId: number, consumer: Op): boolean =>
    p !== undefined && elementwiseOp(p) && fusesInputs(consumer) && (users.get(valueId)?.length ?? 0) === 1;
  const out = new Map<number, number>();
  for (const op of module.ops) {
    if (outputFused(op, op.results[0]?.id ?? -1, users) || isMatmul(op)) {
      // A matmul reads its operands; its result is written by the elementwise op fused onto it, if any.
      const result = must(op.results[0], 'a matmul has a result');
      const written = outputFused(op, result.id, users) && !module.outputs.includes(result) ? 0 : byteSize(result.type);
      out.set(op.id, op.operands.reduce((n, v) => n + byteSize(v.type), 0) + written);
      continue;
    }
    if (!fusesInputs(op)) continue;
    let bytes = 0;
    for (const v of op.operands) {
      const p = producer.get(v.id);
      if (!internal(p, v.id, op) && !(elementwiseOp(op) && outputFused(p, v.id, users))) bytes += byteSize(v.type);
    }
    for (const r of op.results) {
      const us = users.get(r.id) ?? [];
      const only = us.length === 1 ? us[0] : undefined;
      const fusedAway = only !== undefined && internal(op, r.id, only) && !module.outputs.includes(r);
      if (!fusedAway) bytes += byteSize(r.type);
    }
    out.set(op.id, bytes);
  }
  return out;
}

/**
 * Elementwise ops fused onto a matmul (output fusion), by op id, with that matmul: one kernel, timed as
 * max(MXU time, the HBM bytes of both). An op fed by two such matmuls joins the first (a fusion has one dot).
 */
export function outputFusionHosts(module: Module): Map<number, Op> {
  const users = usersOf(module);
  const outputs = new Set(module.outputs.map((v) => v.id));
  const hosts = new Map<number, Op>();
  for (const op of module.ops) {
    const r = op.results[0];
    if (!r || outputs.has(r.id) || !outputFused(op, r.id, users)) continue;
    const consumer = must(users.get(r.id)?.[0], 'an output-fused matmul has one user');
    if (!hosts.has(consumer.id)) hosts.set(consumer.id, op);
  }
  return hosts;
}

/**
 * Values that never reach HBM: edges internal to a fusion and matmul results handed to their fused elementwise
 * user. They take no HBM while live (memory.ts skips them); module outputs are always written.
 */
export function valuesInRegisters(module: Module): Set<number> {
  const users = usersOf(module);
  const outputs = new Set(module.outputs.map((v) => v.id));
  const out = new Set<number>();
  for (const op of module.ops) {
    for (const r of op.results) {
      const us = users.get(r.id) ?? [];
      const only = us.length === 1 ? us[0] : undefined;
      if (outputs.has(r.id) || only === undefined) continue;
      if ((elementwiseOp(op) && fusesInputs(only)) || outputFused(op, r.id, users)) out.add(r.id);
    }
  }
  return out;
}
