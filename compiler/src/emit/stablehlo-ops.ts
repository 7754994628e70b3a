// The vocabulary of StableHLO lowerings: what a lowering receives and returns, and the helpers
// most ops share. Each op's own lowering lives in its registry entry (compiler/src/ops/).

import type { Op } from '../ir/module.js';
import { elemOf, type SSA, type TType } from './mlir-builder.js';
import type { StableHloEmitter, Named } from './stablehlo-emit.js';
import { at } from '../util/checked.js';

export type MatmulPrecision = 'default' | 'highest';

export interface LowerContext {
  readonly e: StableHloEmitter;
  readonly precision: MatmulPrecision;
}

export type Lowering = (cx: LowerContext, op: Op, args: readonly Named[]) => Named[];

/** The IR op's result as the dims and type its lowering must produce. */
export function resultOf(op: Op, i = 0): { dims: string[]; type: TType } {
  const t = at(op.results, i, 'op.results').type;
  return { dims: t.dims.map((d) => d.name), type: { shape: t.dims.map((d) => d.size), elem: elemOf(t.dtype) } };
}

/** Both operands aligned (transposed, broadcast) to the result's dims: named broadcasting. */
export function aligned(cx: LowerContext, op: Op, args: readonly Named[]): [SSA, SSA] {
  const { dims, type } = resultOf(op);
  const align = (i: number) => cx.e.alignTo(at(args, i, 'args'), dims, type.shape).ssa;
  return [align(0), align(1)];
}

