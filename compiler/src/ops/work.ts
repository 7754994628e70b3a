// What an op costs on one device: FLOPs, whether they run on the MXU, and HBM bytes touched, with the
// shapes of work most entries share (vector ops, relabels, collectives). Entries pick one per op.

import type { Op } from '../ir/module.js';
import { byteSize, elementCount, type TensorType } from '../ir/types.js';

/** The MXU tile side: dims are padded to multiples of it (TPU-v3's 128x128 systolic array). */
export const MXU_TILE = 128;

export type WorkClass = 'matmul' | 'vector' | 'free' | 'collective';

export interface OpWork {
  readonly cls: WorkClass;
  /** Floating-point operations per device (a multiply-add counts 2). */
  readonly flops: number;
  /** Bytes read plus written in HBM if the op ran alone (fusion is applied later, in cost/fusion.ts). */
  readonly bytes: number;
  /** Fraction of the MXU a matmul of these shapes can use (padding of K and N to 128); 1 otherwise. */
  readonly mxuFill: number;
  /** An f32 operand: the MXU needs `f32MatmulPasses` bf16 passes. */
  readonly f32: boolean;
}

/** An op's work from its per-device operand and result types. */
export type WorkFn = (op: Op) => OpWork;

export const bytesOf = (ts: readonly TensorType[]): number => ts.reduce((s, t) => s + byteSize(t), 0);
export const elems = (ts: readonly TensorType[]): number => ts.reduce((s, t) => s + elementCount(t), 0);
export const typesIn = (op: Op): TensorType[] => op.operands.map((v) => v.type);
export const typesOut = (op: Op): TensorType[] => op.results.map((v) => v.type);
export const hasF32 = (op: Op): boolean => op.operands.some((v) => v.type.dtype === 'f32');

/**
 * A vector-unit op: `perElement` FLOPs (a rough count of VPU operations, reported, never on the MXU)
 * per element of its results, or of its operands for reductions (`over: 'operands'`); it reads its
 * operands and writes its results.
 */
export function vectorWork(perElement: number, over: 'results' | 'operands' = 'results'): WorkFn {
  return (op) => {
    const ins = typesIn(op);
    const outs = typesOut(op);
    const n = over === 'operands' ? elems(ins) : elems(outs);
    return { cls: 'vector', flops: perElement * n, bytes: bytesOf(ins) + bytesOf(outs), mxuFill: 1, f32: hasF32(op) };
  };
}

/** Relabels a buffer (a bitcast in XLA): no FLOPs, no HBM traffic. */
export const freeWork: WorkFn = (op) => ({ cls: 'free', flops: 0, bytes: 0, mxuFill: 1, f32: hasF32(op) });

/** Collectives are timed by the torus model (cost/collective-time.ts), not here. */
export const collectiveWork: WorkFn = (op) => ({ cls: 'collective', flops: 0, bytes: 0, mxuFill: 1, f32: hasF32(op) });

/** Moves data without arithmetic: reads `readFactor` x the results' bytes (plus extra operands), writes the results. */
export function copyWork(extraOperands: readonly number[] = []): WorkFn {
  return (op) => {
    const outs = typesOut(op);
    const extra = extraOperands.reduce((n, i) => {
      const v = op.operands[i];
      return n + (v ? byteSize(v.type) : 0);
    }, 0);
    return { cls: 'vector', flops: 0, bytes: 2 * bytesOf(outs) + extra, mxuFill: 1, f32: hasF32(op) };
  };
}
