// The signatures shared by the partitioner's ops (collectives and local SPMD helpers): they keep
// their operand's dims, some with an explicit local size, and map every dim to itself.

import type { Attrs } from '../ir/module.js';
import { tensorType, type TensorType } from '../ir/types.js';
import type { InferResult, ShardingRule } from './signature.js';

export function identityRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  const factors = operands[0]?.dims.map((d) => ({ name: d.name, size: d.size, kind: 'pass' as const })) ?? [];
  const dims = (t: TensorType) => t.dims.map((d) => [d.name]);
  return { factors, operands: operands.map(dims), results: results.map(dims) };
}

export function one(operands: readonly TensorType[], op: string): TensorType | InferResult {
  const [t] = operands;
  if (operands.length === 1 && t !== undefined) return t;
  return { ok: false, message: `${op} takes 1 operand but was given ${operands.length}.` };
}

/** The operand with dims resized: `resize` maps dim name -> new local size. */
export function resized(op: string, resize: (attrs: Attrs) => Record<string, number>) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult => {
    const t = one(operands, op);
    if ('ok' in t) return t;
    const sizes = new Map(Object.entries(resize(attrs)));
    for (const [name, size] of sizes) {
      if (!t.dims.some((d) => d.name === name)) {
        return { ok: false, message: `${op} works along dim ${name}, which its operand does not have.` };
      }
      if (!(size >= 1)) return { ok: false, message: `${op} needs a positive size for dim ${name} but has ${size}.` };
    }
    const dims = t.dims.map((d) => {
      const size = sizes.get(d.name);
      return size === undefined ? d : { name: d.name, size };
    });
    return { ok: true, types: [tensorType(t.dtype, dims)] };
  };
}

export const same = (op: string) => (operands: readonly TensorType[]): InferResult => {
  const t = one(operands, op);
  return 'ok' in t ? t : { ok: true, types: [t] };
};

