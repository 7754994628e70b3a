// Per-layer cost for code lenses: FLOPs, communication and HBM per device. Uses the compiler's cost
// model when it is exported; otherwise counts FLOPs from einsum shapes and bytes from shardings.

import * as compiler from '@gshard/compiler';
import type { Module, Op, Value } from '@gshard/compiler';
import type { FuncDecl } from '@gshard/grammar';
import { within } from './convert.js';
import { COLLECTIVE_KINDS } from './doc-model.js';
import { localBytes } from './describe.js';

export interface LayerCost {
  /** FLOPs per device when partitioned, else of the global program. */
  readonly flops: number;
  readonly perDevice: boolean;
  /** Collective count and seconds (seconds only when the cost model is available). */
  readonly collectives?: { count: number; seconds?: number };
  /** Parameters plus every activation, per device: an upper bound on the layer's HBM use. */
  readonly hbmBytes: number;
  /** How many times the layer is instantiated (repeat and repeated calls). */
  readonly instances: number;
}

type CollectiveTime = (op: Op, module: Module) => number;
// The cost model is being written in compiler/src/cost; pick it up as soon as the barrel exports it.
const collectiveSeconds = (compiler as unknown as Record<string, unknown>)['collectiveSeconds'] as CollectiveTime | undefined;

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

export function layerCost(func: FuncDecl, global: Module, spmd: Module | undefined, instances: number): LayerCost {
  const inside = (m: Module) => m.ops.filter((op) => within(op.span, func.span));
  const work = spmd ?? global;
  const ops = inside(work);
  const flops = ops.reduce((n, op) => n + opFlops(op), 0);
  const values: Value[] = [...global.params, ...global.inputs].filter((v) => within(v.span, func.span));
  for (const op of inside(global)) values.push(...op.results);
  const hbmBytes = values.reduce((n, v) => n + localBytes(v, global), 0);
  const result: LayerCost = { flops, perDevice: spmd !== undefined, hbmBytes, instances };
  if (!spmd) return result;
  const colls = ops.filter((op) => COLLECTIVE_KINDS.has(op.kind));
  const seconds = collectiveSeconds ? colls.reduce((s, op) => s + collectiveSeconds(op, spmd), 0) : undefined;
  return { ...result, collectives: { count: colls.length, ...(seconds !== undefined ? { seconds } : {}) } };
}
