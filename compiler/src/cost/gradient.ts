// Which values a training step differentiates: reverse-mode AD touches a value only between the params and the outputs.
//
// A value needs a gradient when (1) it depends on a parameter through differentiable ops and (2) an
// output depends on it. Model inputs are data (no gradient). Ops with a zero or undefined derivative
// (comparisons, argmax, one_hot, integer casts, top_k's indices) stop the flow, as they do in
// TensorFlow/JAX: GShard's dispatch mask, expert positions and capacity test have no backward pass, and
// the dispatch einsum `GSEC,GSM->EGCM` differentiates only its `inputs` operand (one matmul, not two).
// Values no output reads (a layer's `aux` not carried through `repeat`) get no backward either.

import type { Module, Op, Value } from '../ir/module.js';
import { opEntry } from '../ops/registry.js';


export interface GradientFlow {
  /** Value ids that need a gradient. */
  readonly needs: ReadonlySet<number>;
}

export function gradientFlow(module: Module): GradientFlow {
  const fromParams = new Set<number>(module.params.map((p) => p.id));
  for (const op of module.ops) {
    if (!op.operands.some((v) => fromParams.has(v.id))) continue;
    op.results.forEach((r, i) => { if (differentiableResult(op, i, r)) fromParams.add(r.id); });
  }
  // Backward reachability from the outputs, over the same differentiable edges.
  const toOutputs = new Set<number>(module.outputs.map((v) => v.id));
  for (const op of [...module.ops].reverse()) {
    if (!op.results.some((r, k) => toOutputs.has(r.id) && differentiableResult(op, k, r))) continue;
    for (const v of op.operands) toOutputs.add(v.id);
  }
  const needs = new Set<number>();
  for (const id of fromParams) if (toOutputs.has(id)) needs.add(id);
  return { needs };
}

function differentiableResult(op: Op, index: number, r: Value): boolean {
  // Which results carry a gradient is the op's registry entry's to say (comparisons, argmax, one_hot,
  // constants: none; top_k: its values, not its indices).
  const which = opEntry(op.kind)?.training.differentiable ?? 'all';
  if (which === 'none' || (which !== 'all' && !which.includes(index))) return false;
  return r.type.dtype === 'f32' || r.type.dtype === 'bf16';
}

/** Which operands of an op receive a gradient. */
export function operandGrads(flow: GradientFlow, op: Op): boolean[] {
  const out = op.results.some((r) => flow.needs.has(r.id));
  return op.operands.map((v) => out && flow.needs.has(v.id));
}

/** Does the op run in the backward pass at all. */
export function hasBackward(flow: GradientFlow, op: Op): boolean {
  return operandGrads(flow, op).some((x) => x);
}
