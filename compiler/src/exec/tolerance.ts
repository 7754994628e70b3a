// The tolerance an output of an equivalence run is held to: f32 error grows with the length of the
// sums behind the output, so a fixed bar calls long but correct contractions DIFFERENT.
import type { Module, Value } from '../ir/module.js';
import { opEntry as opDef } from '../ops/registry.js';

/** The bar for short sums: 1e-5 of the output's scale (the original equivalence criterion). */
export const F32_FLOOR = 1e-5;
/** Unit roundoff of f32 (2^-24). */
const U32 = 2 ** -24;
/** Headroom over the probabilistic bound u·√K (Higham & Mary 2019): the mesh and the reference each err. */
const LAMBDA = 4;

/**
 * Relative tolerance of an output, of its scale. f32: max(1e-5, 4·u·Σ√K) where u = 2^-24 and the
 * sum runs over the ops the output depends on, K being the length of each op's sum (the product of
 * its summed factors in the op registry's sharding rule: contracted einsum dims, reduce_sum/mean
 * dims, layer_norm dims). A partition sums in another order than the reference, so both carry
 * rounding error of about u·√K of the scale per sum; a wrong partition is off by O(1).
 * bf16: 2^-7 (its precision). Integers: exact.
 */
export function toleranceOf(m: Module, output: Value): number {
  const dtype = output.type.dtype;
  if (dtype === 'bf16') return 2 ** -7;
  if (dtype !== 'f32') return 0;
  return Math.max(F32_FLOOR, LAMBDA * U32 * sqrtSumLengths(m, output));
}

/** Σ √K over the ops in the cone of `output` (each op once). */
function sqrtSumLengths(m: Module, output: Value): number {
  const producer = new Map<number, (typeof m.ops)[number]>();
  for (const op of m.ops) for (const r of op.results) producer.set(r.id, op);
  const seen = new Set<number>();
  const stack = [output];
  let total = 0;
  for (let v = stack.pop(); v; v = stack.pop()) {
    const op = producer.get(v.id);
    if (!op || seen.has(op.id)) continue;
    seen.add(op.id);
    total += Math.sqrt(sumLength(op));
    stack.push(...op.operands);
  }
  return total;
}

/** The number of terms each element of the op's result sums (1 for ops that sum nothing). */
function sumLength(op: Module['ops'][number]): number {
  const def = opDef(op.kind);
  if (!def) return 1;
  const rule = def.rule(op.operands.map((v) => v.type), op.results.map((v) => v.type), op.attrs);
  return rule.factors
    .filter((f) => (f.kind === 'reduction' && f.combiner !== 'max') || f.kind === 'normalized')
    .reduce((k, f) => k * f.size, 1);
}
