// Reverse-mode autodiff on the global IR: walks the forward ops backwards, applying each op's
// gradient rule from the op registry, and sums the cotangents of values used more than once.

import type { Module, Op, Value } from '../ir/module.js';
import { typesEqual, typeToString, type DType } from '../ir/types.js';
import type { GradBuilder } from '../ops/entry.js';
import { isGradientRule } from '../ops/entry.js';
import { opEntry } from '../ops/registry.js';
import { InternalError } from '../util/checked.js';
import type { Place, ProgramBuilder } from './program-builder.js';

const isFloat = (d: DType): boolean => d === 'f32' || d === 'bf16';

/**
 * Values a gradient reaches from a parameter: float params, then every float result of an op that has
 * a gradient rule, reads an active value and marks that result differentiable.
 */
export function activeValues(m: Module, params: readonly Value[]): Set<number> {
  const active = new Set(params.filter((p) => isFloat(p.type.dtype)).map((p) => p.id));
  for (const op of m.ops) {
    const entry = opEntry(op.kind);
    if (!entry || !isGradientRule(entry.gradient) || !op.operands.some((v) => active.has(v.id))) continue;
    const diff = entry.training.differentiable;
    op.results.forEach((r, i) => {
      if (diff === 'none' || (diff !== 'all' && !diff.includes(i)) || !isFloat(r.type.dtype)) return;
      active.add(r.id);
    });
  }
  return active;
}

/**
 * Appends the backward pass of `m` for d(loss)/d(params) to `b`: returns each param's gradient
 * (undefined when the loss does not depend on it). `loss` must be an f32 scalar of `m`.
 */
export function backward(m: Module, loss: Value, params: readonly Value[], b: ProgramBuilder): Map<number, Value> {
  const active = activeValues(m, params);
  const cotangent = new Map<number, Value>();
  const seedAt: Place = { span: loss.span, phase: 'backward', gradOf: loss.name };
  cotangent.set(loss.id, b.constant(1, loss.type.dtype, seedAt, `${loss.name}.grad`));
  for (let k = m.ops.length - 1; k >= 0; k--) {
    const op = m.ops[k];
    if (!op) continue;
    const cts = op.results.map((r) => cotangent.get(r.id));
    if (cts.every((c) => c === undefined)) continue;
    const entry = opEntry(op.kind);
    if (!entry || !isGradientRule(entry.gradient)) continue;
    const wanted = op.operands.map((v) => active.has(v.id));
    if (!wanted.some(Boolean)) continue;
    const grads = entry.gradient(ruleBuilder(b, op, wanted), op, cts);
    op.operands.forEach((v, i) => {
      const g = grads[i];
      if (!g || !wanted[i]) return;
      if (!typesEqual(g.type, v.type)) {
        throw new InternalError(`the gradient rule of ${op.kind} gives ${typeToString(g.type)} for operand ${i + 1} `
          + `(${v.name}: ${typeToString(v.type)})`);
      }
      const seen = cotangent.get(v.id);
      const at: Place = { ...placeOf(op), gradOf: v.name };
      cotangent.set(v.id, seen ? b.emit('add', [seen, g], {}, at, `${v.name}.grad.acc`)[0] ?? g : g);
    });
  }
  const out = new Map<number, Value>();
  for (const p of params) {
    const g = cotangent.get(p.id);
    if (g) out.set(p.id, g);
  }
  return out;
}

/** Backward ops sit at their forward op's span, layer and remat region. */
function placeOf(op: Op): Place {
  return {
    span: op.span, ...(op.layer ? { layer: op.layer } : {}), ...(op.remat ? { remat: op.remat } : {}),
    phase: 'backward',
  };
}

/** The builder one rule application sees: ops at the forward op's span, named after its first result. */
function ruleBuilder(b: ProgramBuilder, op: Op, wanted: readonly boolean[]): GradBuilder {
  const base = `${op.results[0]?.name ?? op.kind}.grad`;
  const at: Place = { ...placeOf(op), gradOf: op.results[0]?.name ?? op.kind };
  const name = (hint?: string) => (hint ? `${base}.${hint}` : base);
  return {
    op: (kind, operands, attrs = {}, hint) => {
      const r = b.emit(kind, operands, attrs, at, name(hint))[0];
      if (!r) throw new InternalError(`gradient of ${op.kind}: ${kind} gave no result`);
      return r;
    },
    ops: (kind, operands, attrs = {}, hint) => b.emit(kind, operands, attrs, at, name(hint)),
    constant: (value, dtype = 'f32') => b.constant(value, dtype, at, `${base}.c`),
    wants: (i) => wanted[i] === true,
  };
}
