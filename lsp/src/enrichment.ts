// What the slow stages add to a checked analysis, in a compact form that crosses a worker-thread
// boundary cheaply: each value's sharding and origin, the collectives with their reasons, and the
// per-device FLOPs of each op of the SPMD program. The editor merges it back into the checked IR.

import type { Analysis, Module, Op, ShardingOrigin, Sharding, TensorType, Value } from '@gshard/compiler';
import { allValues } from '@gshard/compiler';
import type { Diagnostic, Span } from '@gshard/grammar';
import { COLLECTIVE_KINDS, opFlops } from './costs.js';

export interface CollectiveInfo {
  readonly kind: string;
  readonly attrs: Op['attrs'];
  readonly reason?: string;
  readonly span: Span;
  readonly operand?: { readonly name: string; readonly type: TensorType };
}

export interface Enrichment {
  /** Diagnostics of the whole pipeline for the real text, cost diagnostics included. */
  readonly diagnostics: Diagnostic[];
  readonly propagated: boolean;
  readonly partitioned: boolean;
  readonly values: [string, Sharding, ShardingOrigin | undefined][];
  readonly collectives: CollectiveInfo[];
  /** Per-device FLOPs of every SPMD op that does work, at its source span. */
  readonly localWork: { span: Span; flops: number }[];
}

export function enrich(a: Analysis, diagnostics: Diagnostic[]): Enrichment {
  const values: Enrichment['values'] = [];
  if (a.sharded) for (const v of allValues(a.sharded)) if (v.sharding) values.push([v.name, v.sharding, v.origin]);
  const collectives: CollectiveInfo[] = [];
  const localWork: Enrichment['localWork'] = [];
  for (const op of a.spmd?.ops ?? []) {
    if (COLLECTIVE_KINDS.has(op.kind)) {
      const o = op.operands[0];
      collectives.push({ kind: op.kind, attrs: op.attrs, span: op.span, ...(op.reason ? { reason: op.reason } : {}), ...(o ? { operand: { name: o.name, type: o.type } } : {}) });
    } else {
      const flops = opFlops(op);
      if (flops > 0) localWork.push({ span: op.span, flops });
    }
  }
  return { diagnostics, propagated: a.sharded !== undefined, partitioned: a.spmd !== undefined, values, collectives, localWork };
}

/** The checked module with the shardings of `e` attached (values are copied, never mutated). */
export function withShardings(module: Module, e: Enrichment): Module {
  const byName = new Map(e.values.map(([n, s, o]) => [n, { s, o }]));
  const copies = new Map<number, Value>();
  const copy = (v: Value): Value => {
    let c = copies.get(v.id);
    if (!c) {
      const found = byName.get(v.name);
      c = found ? { ...v, sharding: found.s, ...(found.o ? { origin: found.o } : {}) } : v;
      copies.set(v.id, c);
    }
    return c;
  };
  return {
    ...module,
    inputs: module.inputs.map(copy),
    params: module.params.map(copy),
    ops: module.ops.map((op) => ({ ...op, operands: op.operands.map(copy), results: op.results.map(copy) })),
    outputs: module.outputs.map(copy),
  };
}
