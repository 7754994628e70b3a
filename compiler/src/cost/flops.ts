// Per-op work from a table keyed by op kind: FLOPs, whether they run on the MXU, and HBM bytes touched.

import type { Op } from '../ir/module.js';
import { attrStrings } from '../ir/ops.js';
import { byteSize, elementCount, type TensorType } from '../ir/types.js';
import { MXU_TILE } from './tpu-v3.js';
import { isCollectiveKind } from './collective-time.js';

export type WorkClass = 'matmul' | 'vector' | 'free' | 'collective';

export interface OpWork {
  readonly cls: WorkClass;
  /** Floating-point operations per device (a multiply-add counts 2). */
  readonly flops: number;
  /** Bytes read plus written in HBM if the op ran alone (fusion is applied later, in fusion.ts). */
  readonly bytes: number;
  /** Fraction of the MXU a matmul of these shapes can use (padding of K and N to 128); 1 otherwise. */
  readonly mxuFill: number;
  /** An f32 operand: the MXU needs `f32MatmulPasses` bf16 passes. */
  readonly f32: boolean;
}

const bytesOf = (ts: readonly TensorType[]): number => ts.reduce((s, t) => s + byteSize(t), 0);
const elems = (ts: readonly TensorType[]): number => ts.reduce((s, t) => s + elementCount(t), 0);

/** FLOPs per output element for vector ops: a rough count of VPU operations, reported, never on the MXU. */
const VECTOR_FLOPS_PER_ELEMENT: Readonly<Record<string, number>> = {
  add: 1, sub: 1, mul: 1, div: 1, max: 1, lt: 1, gt: 1, relu: 1, neg: 1, cast: 0, mask: 1,
  gelu: 8, exp: 4, log: 4, tanh: 6,
  softmax: 5, log_softmax: 5, layer_norm: 8, cumsum: 1, one_hot: 1, argmax: 1, top_k: 2,
  reduce_sum: 1, reduce_mean: 1, reduce_max: 1,
};

/** Ops that only relabel a buffer (a bitcast in XLA): no HBM traffic. */
const FREE_KINDS = new Set(['reshape', 'rename', 'constant']);

/** The work of one op, from its per-device operand and result types. */
export function opWork(op: Op): OpWork {
  const ins = op.operands.map((v) => v.type);
  const outs = op.results.map((v) => v.type);
  const f32 = ins.some((t) => t.dtype === 'f32');
  if (isCollectiveKind(op.kind)) return { cls: 'collective', flops: 0, bytes: 0, mxuFill: 1, f32 };
  if (FREE_KINDS.has(op.kind)) return { cls: 'free', flops: 0, bytes: 0, mxuFill: 1, f32 };
  if (op.kind === 'einsum' && ins.length === 2 && !isBroadcastProduct(op)) return einsumWork(op, ins, outs, f32);
  const io = bytesOf(ins) + bytesOf(outs);
  switch (op.kind) {
    case 'einsum':   // one operand: a transposition or reduction; two with nothing contracted: a broadcast multiply
      return { cls: 'vector', flops: ins.length === 2 ? elems(outs) : elems(ins), bytes: io, mxuFill: 1, f32 };
    case 'gather':   // reads the picked rows (as large as the result) and the ids, writes the result
      return { cls: 'vector', flops: 0, bytes: 2 * bytesOf(outs) + (ins[1] ? byteSize(ins[1]) : 0), mxuFill: 1, f32 };
    case 'dynamic_slice':   // reads only the slice it keeps
      return { cls: 'vector', flops: 0, bytes: 2 * bytesOf(outs), mxuFill: 1, f32 };
    default: {
      const per = VECTOR_FLOPS_PER_ELEMENT[op.kind] ?? 1;
      const n = op.kind.startsWith('reduce_') ? elems(ins) : elems(outs);
      return { cls: 'vector', flops: per * n, bytes: io, mxuFill: 1, f32 };
    }
  }
}

/**
 * A two-operand einsum that contracts nothing (`GSE,GSC->GSEC`, top-2 gating's combine weights) is an
 * elementwise product of broadcasts: XLA's AlgebraicSimplifier rewrites a dot without contracting dims
 * as multiply(broadcast, broadcast), so it runs on the vector unit and fuses like any elementwise op,
 * never as a K = 1 matmul on the MXU.
 */
export function isBroadcastProduct(op: Op): boolean {
  if (op.kind !== 'einsum' || op.operands.length !== 2) return false;
  const out = new Set(op.results[0]?.type.dims.map((d) => d.name) ?? []);
  const b = new Set(op.operands[1]!.type.dims.map((d) => d.name));
  return !op.operands[0]!.type.dims.some((d) => b.has(d.name) && !out.has(d.name));
}

/** Einsum FLOPs = 2 x the product of the sizes of all distinct dims involved. */
export function einsumFlops(ins: readonly TensorType[], outs: readonly TensorType[]): number {
  const sizes = new Map<string, number>();
  for (const t of [...ins, ...outs]) for (const d of t.dims) sizes.set(d.name, d.size);
  let n = 2;
  for (const s of sizes.values()) n *= s;
  return n;
}

function einsumWork(op: Op, ins: TensorType[], outs: TensorType[], f32: boolean): OpWork {
  const flops = einsumFlops(ins, outs);
  // The dims come from the types; `inputs`/`output` attrs name them, types carry the sizes.
  const out = new Set(outs[0]?.dims.map((d) => d.name) ?? attrStrings(op.attrs, 'output'));
  const a = ins[0]!;
  const b = ins[1]!;
  const inB = new Set(b.dims.map((d) => d.name));
  const inA = new Set(a.dims.map((d) => d.name));
  const prod = (t: TensorType, keep: (n: string) => boolean) => t.dims.filter((d) => keep(d.name)).reduce((p, d) => p * d.size, 1);
  const k = prod(a, (n) => inB.has(n) && !out.has(n));
  const freeA = prod(a, (n) => !inB.has(n) && out.has(n));
  const freeB = prod(b, (n) => !inA.has(n) && out.has(n));
  // The MXU holds a K x N tile of one operand and streams the other; K and N are padded to 128.
  const fill = padFill(k) * Math.max(padFill(freeA), padFill(freeB));
  return { cls: 'matmul', flops, bytes: bytesOf(ins) + bytesOf(outs), mxuFill: fill, f32 };
}

function padFill(n: number): number {
  return n / (Math.ceil(n / MXU_TILE) * MXU_TILE);
}
