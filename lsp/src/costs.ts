// Per-layer cost for code lenses: FLOPs, communication and HBM per device. FLOPs are the compiler's
// (`opWork`, the op registry's cost of each op: the numbers `gshard cost` reports); bytes come from shardings.

import { COLLECTIVE_KINDS as KINDS, DTYPE_BYTES, opWork, type Module, type Op, type Value } from '@gshard/compiler';
import type { FuncDecl } from '@gshard/grammar';
import { within } from './convert.js';
import type { DocModel } from './doc-model.js';
import { localBytes } from './describe.js';

/** The communicating ops of the SPMD program. */
export const COLLECTIVE_KINDS: ReadonlySet<string> = new Set(KINDS);

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


/** The op's FLOPs as `gshard cost` counts them (per device for a local op, global for a global one). */
export function opFlops(op: Op): number {
  return opWork(op).flops;
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
  const typeBytes = (t: Value['type']) => t.dims.reduce((k, d) => k * d.size, 1) * DTYPE_BYTES[t.dtype];
  const bytes = colls.reduce((n, c) => n + (c.operand ? typeBytes(c.operand.type) : 0), 0);
  // Collective time needs the cost model (compiler/src/cost), which the barrel does not export yet.
  return { ...result, collectives: { count: colls.length, bytes } };
}
