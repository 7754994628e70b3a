// Per-layer cost for code lenses: FLOPs, communication and HBM per device. Uses the compiler's cost
// model when it is exported; otherwise counts FLOPs from einsum shapes and bytes from shardings.

import { DTYPE_BYTES, type Module, type Op, type Value } from '@gshard/compiler';
import type { FuncDecl } from '@gshard/grammar';
import { within } from './convert.js';
import type { DocModel } from './doc-model.js';
import { localBytes } from './describe.js';

/** The communicating ops of the SPMD program. */
export const COLLECTIVE_KINDS: ReadonlySet<string> = new Set(['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute']);

export interface LayerCost {
  /** FLOPs per device when partitioned, else of the global program. */
  readonly flops: number;
  readonly perDevice: boolean;
  /** Collective count and the bytes each device sends into them (seconds once the cost model is exported). */
  readonly collectives?: { count: number; bytes: number; seconds?: number };
  /** Parameters plus every activation, per device: an upper bound on the layer's HBM use. */
  readonly hbmBytes: number;
  /** How many times the layer is instantiated (repeat and repeated calls). */
  readonly instances: number;
}


/** 2·(product of all dims) for a two-operand einsum; one op per output element otherwise. */
export function opFlops(op: Op): number {
  if (COLLECTIVE_KINDS.has(op.kind)) return 0;
  const count = (dims: readonly { name: string; size: number }[]) => dims.reduce((n, d) => n * d.size, 1);
  if (op.kind === 'einsum' && op.operands.length === 2) {
    const sizes = new Map<string, number>();
    for (const v of [...op.operands, ...op.results]) for (const d of v.type.dims) sizes.set(d.name, d.size);
    return 2 * [...sizes.values()].reduce((a, b) => a * b, 1);
  }
  if (op.kind === 'reshape' || op.kind === 'rename' || op.kind === 'constant') return 0;
  return op.results.reduce((n, r) => n + count(r.type.dims), 0);
}

export function layerCost(func: FuncDecl, model: DocModel, global: Module, instances: number): LayerCost {
  const flops = model.partitioned ? model.localFlopsWithin(func.span)
    : global.ops.reduce((n, op) => n + (within(op.span, func.span) ? opFlops(op) : 0), 0);
  const values: Value[] = [...global.params, ...global.inputs].filter((v) => within(v.span, func.span));
  for (const op of global.ops) if (within(op.span, func.span)) values.push(...op.results);
  const hbmBytes = values.reduce((n, v) => n + localBytes(model.sharded(v), global), 0);
  const result: LayerCost = { flops, perDevice: model.partitioned, hbmBytes, instances };
  if (!model.partitioned) return result;
  const colls = model.collectivesWithin(func.span);
  const bytes = colls.reduce((n, c) => n + (c.operand ? c.operand.type.dims.reduce((k, d) => k * d.size, 1) * DTYPE_BYTES[c.operand.type.dtype] : 0), 0);
  // Collective time needs the cost model (compiler/src/cost), which the barrel does not export yet.
  return { ...result, collectives: { count: colls.length, bytes } };
}
