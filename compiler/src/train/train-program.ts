// The training program of a model: its forward ops, the backward pass (autodiff.ts) and the optimizer
// update, as one global module whose params are the model's params and the optimizer state.

import type { Diagnostic, Span } from '@gshard/grammar';
import { InternalError } from '../util/checked.js';
import type { Module, Op, ShardingOrigin, TrainingLayout, Value } from '../ir/module.js';
import { typeToString } from '../ir/types.js';
import { backward } from './autodiff.js';
import type { Optimizer, UpdateBuilder } from './optimizer.js';
import { ProgramBuilder, type Place } from './program-builder.js';
import { dataAxes, trainingAnnotations, type StatePlacement } from './state-sharding.js';
import { withRematRegions, type RematChoice } from './remat-regions.js';
import { liveOpSet } from './live-ops.js';

export interface TrainingResult {
  readonly module?: Module;
  readonly diagnostics: readonly Diagnostic[];
}

const isFloatParam = (v: Value): boolean => v.type.dtype === 'f32' || v.type.dtype === 'bf16';

/**
 * Forward + backward + `optimizer`'s update of the model `m`, whose first result is the scalar loss.
 * Each gradient and each state tensor takes its parameter's annotation (propagation fills in the rest);
 * with `placement` 'data' (ZeRO) both are also split over the data axes (train/state-sharding.ts).
 * `remat` settles the remat regions (Op.remat) of the forward ops; their backward ops carry them too, and
 * the remat pass (after propagation) recomputes each region before its backward.
 */
export function buildTrainingProgram(
  model: Module, optimizer: Optimizer, placement: StatePlacement = 'param', remat: RematChoice = 'marked',
): TrainingResult {
  const ops = withRematRegions(model, remat);
  const m: Module = ops === model.ops ? model : { ...model, ops };
  const loss = m.outputs[0];
  const anySpan = loss?.span ?? m.inputs[0]?.span ?? m.params[0]?.span ?? m.ops[0]?.span;
  if (!anySpan) throw new InternalError(`model ${m.name} has no values to train`);
  if (!loss || loss.type.dtype !== 'f32' || loss.type.dims.length !== 0) {
    const got = loss ? `${loss.name}: ${typeToString(loss.type)}` : 'no result';
    const message = `training needs the model's first result to be the scalar loss f32[] but it is ${got}.`;
    return { diagnostics: [error('train-loss-not-scalar', message, anySpan)] };
  }
  const params = m.params.filter(isFloatParam);
  if (params.length === 0) {
    const message = `training needs at least one f32 or bf16 param to update, but model ${m.name} has none.`;
    return { diagnostics: [error('train-no-params', message, loss.span)] };
  }
  const data = dataAxes(m);
  const annotations = params.map((p) =>
    trainingAnnotations(p, optimizer.perParam(p).map((s) => s.type), m.mesh, placement, data));
  const b = new ProgramBuilder(m);
  const grads = backward(m, loss, params, b);
  const named = new Set<Value>();
  const gradOf = params.map((p, pi) => {
    const at: Place = { span: p.span, phase: 'backward', gradOf: p.name };
    const g = grads.get(p.id);
    let out: Value;
    if (!g) {
      // the loss does not depend on it: a zero gradient
      const zero = b.constant(0, p.type.dtype, at, `${p.name}.grad.zero`);
      const attrs = { dims: p.type.dims.map((d) => d.name), sizes: p.type.dims.map((d) => d.size) };
      out = b.emit('broadcast', [zero], attrs, at, `${p.name}.grad`)[0] ?? zero;
    } else if (ownedBy(b, g) && !named.has(g)) {
      out = b.rename(g, `${p.name}.grad`);
    } else {
      // shared with another value's cotangent: its own copy, so its sharding can be the param's
      out = b.emit('transpose', [g], { order: p.type.dims.map((d) => d.name) }, at, `${p.name}.grad`)[0] ?? g;
    }
    named.add(out);
    const ga = annotations[pi]?.grad;
    if (ga) { out.annotation = ga; out.origin = fromParam(p); }
    return out;
  });

  // optimizer state: per param (sharded like it), then shared
  const stateParams: Value[] = [];
  const layoutState: { name: string; init: number; of?: string }[] = [];
  const perParam = params.map((p, pi) => optimizer.perParam(p).map((s, si) => {
    const v = b.value(`${p.name}.${s.name}`, 'param', s.type, p.span);
    const sa = annotations[pi]?.state[si];
    if (sa) { v.annotation = sa; v.origin = fromParam(p); }
    stateParams.push(v);
    layoutState.push({ name: v.name, init: s.init, of: p.name });
    return v;
  }));
  const sharedSpan = loss.span;
  const shared = optimizer.shared().map((s) => {
    const v = b.value(s.name, 'param', s.type, sharedSpan);
    stateParams.push(v);
    layoutState.push({ name: v.name, init: s.init });
    return v;
  });
  const sharedAt: Place = { span: sharedSpan, phase: 'update' };
  const sharedNext = optimizer.updateShared(updateBuilder(b, sharedAt, optimizer.name), shared);
  const nextParams: Value[] = [];
  const nextState: Value[] = [];
  params.forEach((p, i) => {
    const grad = gradOf[i];
    if (!grad) return;
    const u = optimizer.update(updateBuilder(b, { span: p.span, phase: 'update' }, p.name),
      { param: p, grad, state: perParam[i] ?? [], shared: sharedNext });
    if (p.annotation) { u.param.annotation = p.annotation; u.param.origin = fromParam(p); }
    nextParams.push(u.param);
    nextState.push(...u.state);
  });
  nextState.push(...sharedNext);

  const outputs = [loss, ...gradOf, ...nextParams, ...nextState];
  const n = params.length;
  const training: TrainingLayout = {
    optimizer: optimizer.name, settings: optimizer.settings, params: params.map((p) => p.name), state: layoutState,
    outputs: {
      loss: 0, grads: params.map((_, i) => 1 + i), params: params.map((_, i) => 1 + n + i),
      state: nextState.map((_, i) => 1 + 2 * n + i),
    },
  };
  const live = liveOps([...m.ops, ...b.ops], outputs);
  // non-float params (none in practice) stay params of the program, after the state would break the layout
  const others = m.params.filter((p) => !isFloatParam(p));
  const module: Module = {
    ...m, params: [...params, ...stateParams, ...others], ops: live, outputs, training,
  };
  return { module, diagnostics: [] };
}

/** The origin of a value annotated with its param's sharding: the param's annotation (where the user wrote it). */
function fromParam(p: Value): ShardingOrigin {
  return { annotated: true, chain: [{ from: p.name, span: p.origin?.chain[0]?.span ?? p.span }] };
}

/** True when `g` was made by the builder and nothing reads it yet (so it may be renamed). */
function ownedBy(b: ProgramBuilder, g: Value): boolean {
  const made = b.ops.some((op) => op.results.includes(g));
  return made && !b.ops.some((op) => op.operands.includes(g));
}

function updateBuilder(b: ProgramBuilder, at: Place, base: string): UpdateBuilder {
  return {
    op: (kind, operands, attrs = {}, hint) => {
      const r = b.emit(kind, operands, attrs, at, hint ? `${base}.${hint}` : base)[0];
      if (!r) throw new InternalError(`optimizer op ${kind} gave no result`);
      return r;
    },
    constant: (value, dtype = 'f32') => b.constant(value, dtype, at, `${base}.c`),
  };
}

/** The ops the outputs depend on, in program order. */
function liveOps(ops: readonly Op[], outputs: readonly Value[]): Op[] {
  const live = liveOpSet(ops, outputs);
  return ops.filter((op) => live.has(op));
}

function error(code: string, message: string, span: Span): Diagnostic {
  return { code, message, severity: 'error', span };
}
