// HBM per device: parameters, optimizer state, gradients, activations and the peak of live bytes.
//
// Inference: a liveness scan in program order. A value is live from the op that defines it to its last
// use (module outputs to the end; params and inputs for the whole program). Peak = max over ops of the
// bytes live while the op runs (its operands and results included).
// Training adds, for the whole step:
//   gradients      = one buffer per parameter (same dtype), alive through the backward pass;
//   optimizer      = Adafactor as GShard used it (beta1 = 0, factored second moments): a matrix [..., r, c]
//                    keeps r + c numbers per leading index instead of r * c; a vector keeps its size;
//   saved          = the forward values the backward needs, by op kind, for ops on a gradient path
//                    (gradient.ts): einsum/mul/div/max keep operand i only when another operand gets a
//                    gradient (x * 0.088 keeps nothing; the dispatch einsum keeps the mask, not the
// tokens); softmax/relu/exp/tanh keep their result; ... With rematerialisation only the layer inputs are
//                    saved and one layer's saved values are rebuilt at a time (+ the largest layer's).
//   peak           = params + gradients + optimizer + saved + the forward's largest transient working set.

import type { Module, Op, Value } from '../ir/module.js';
import { byteSize, DTYPE_BYTES, type TensorType } from '../ir/types.js';
import { valuesInRegisters } from './fusion.js';
import { opEntry } from '../ops/registry.js';
import type { TrainingFacts } from '../ops/entry.js';
import { gradientFlow, operandGrads } from './gradient.js';
import { layerOfOp, layerOfValue } from './layers.js';

export interface MemoryReport {
  readonly paramBytes: number;
  readonly inputBytes: number;
  readonly gradientBytes: number;
  readonly optimizerBytes: number;
  /** Forward values kept for the backward pass (training), 0 for inference. */
  readonly savedActivationBytes: number;
  /** Largest bytes live at one point of the forward pass beyond params and saved values. */
  readonly transientPeakBytes: number;
  /** Peak live bytes per device for the step. */
  readonly peakBytes: number;
  /** Program position (op index) of the forward peak. */
  readonly peakAtOp: number;
  /** Per layer: params and activations (saved values in training, produced values otherwise). */
  readonly byLayer: ReadonlyMap<string, { paramBytes: number; activationBytes: number }>;
  /** Largest tensors per device (params and activations), biggest first. */
  readonly largest: readonly { value: Value; bytes: number; kind: 'param' | 'activation' | 'input' }[];
}

export interface MemoryOptions { readonly train: boolean; readonly remat: boolean }

/** What the backward pass of an op keeps from its forward (its registry entry's training facts). */
function trainingOf(op: Op): TrainingFacts {
  return opEntry(op.kind)?.training ?? { saves: 'none', product: 'none', differentiable: 'all' };
}

/** Adafactor second-moment state of one parameter, in bytes (f32 numbers). */
export function adafactorStateBytes(t: TensorType): number {
  const dims = t.dims.map((d) => d.size);
  if (dims.length < 2) return dims.reduce((p, s) => p * s, 1) * DTYPE_BYTES.f32;
  const [r = 0, c = 0] = dims.slice(-2); // dims.length >= 2 here
  const lead = dims.slice(0, -2).reduce((p, s) => p * s, 1);
  return lead * (r + c) * DTYPE_BYTES.f32;
}

export function memoryProfile(module: Module, opts: MemoryOptions): MemoryReport {
  const paramBytes = sum(module.params.map((p) => byteSize(p.type)));
  const inputBytes = sum(module.inputs.map((p) => byteSize(p.type)));
  const byLayer = new Map<string, { paramBytes: number; activationBytes: number }>();
  const slot = (l: string) => {
    const s = byLayer.get(l) ?? { paramBytes: 0, activationBytes: 0 };
    byLayer.set(l, s);
    return s;
  };
  // A param belongs to the layer instance of the op that first uses it: Op.layer names instances
  // (`attention y.0.a.arg0`) as the rows do, which a param's own name cannot.
  const firstUse = new Map<number, string>();
  for (const op of module.ops) for (const v of op.operands) if (!firstUse.has(v.id)) firstUse.set(v.id, layerOfOp(op));
  for (const p of module.params) slot(firstUse.get(p.id) ?? layerOfValue(p)).paramBytes += byteSize(p.type);

  const { peak, peakAt } = livenessPeak(module);
  const saved = opts.train ? savedValues(module) : new Map<number, { value: Value; layer: string }>();
  const savedByLayer = new Map<string, number>();
  for (const { value, layer } of saved.values()) {
    savedByLayer.set(layer, (savedByLayer.get(layer) ?? 0) + byteSize(value.type));
  }

  let savedBytes = 0;
  if (opts.train && opts.remat) {
    // Only values crossing a layer boundary stay; the largest layer's saved set is rebuilt during its backward.
    // The top level is not re-run (step.ts) and keeps its saved values, but its big ones (the output logits) come
    // last in the forward and die in the backward's first ops, before any layer is rebuilt: the two never coexist,
    // so the top level enters the max like a layer.
    savedBytes = sum([...boundaryValues(module)].map((v) => byteSize(v.type))) + Math.max(0, ...savedByLayer.values());
  } else if (opts.train) {
    savedBytes = sum([...saved.values()].map((s) => byteSize(s.value.type)));
  }
  if (opts.train) for (const [l, b] of savedByLayer) slot(l).activationBytes += b;
  else for (const op of module.ops) for (const r of op.results) slot(layerOfOp(op)).activationBytes += byteSize(r.type);

  const gradientBytes = opts.train ? paramBytes : 0;
  const optimizerBytes = opts.train ? sum(module.params.map((p) => adafactorStateBytes(p.type))) : 0;
  const transient = Math.max(0, peak - paramBytes);
  const peakBytes = opts.train ? paramBytes + gradientBytes + optimizerBytes + savedBytes + transient : peak;

  const largest: { value: Value; bytes: number; kind: 'param' | 'activation' | 'input' }[] = [
    ...module.params.map((v) => ({ value: v, bytes: byteSize(v.type), kind: 'param' as const })),
    ...module.inputs.map((v) => ({ value: v, bytes: byteSize(v.type), kind: 'input' as const })),
    ...module.ops.flatMap((op) =>
      op.results.map((v) => ({ value: v, bytes: byteSize(v.type), kind: 'activation' as const }))),
  ].sort((a, b) => b.bytes - a.bytes).slice(0, 8);

  return {
    paramBytes, inputBytes, gradientBytes, optimizerBytes, savedActivationBytes: savedBytes,
    transientPeakBytes: transient, peakBytes, peakAtOp: peakAt, byLayer, largest,
  };
}

/** Max bytes live at once in program order (params and inputs always live; values a fusion keeps on chip take none). */
export function livenessPeak(module: Module): { peak: number; peakAt: number } {
  const onChip = valuesInRegisters(module);
  const lastUse = new Map<number, number>();
  module.ops.forEach((op, i) => { for (const v of op.operands) lastUse.set(v.id, i); });
  for (const v of module.outputs) lastUse.set(v.id, module.ops.length);
  let live = sum(module.params.map((p) => byteSize(p.type))) + sum(module.inputs.map((p) => byteSize(p.type)));
  const dying = new Map<number, number>();   // op index -> bytes freed after it
  let peak = live;
  let peakAt = -1;
  module.ops.forEach((op, i) => {
    for (const r of op.results) {
      if (onChip.has(r.id)) continue;
      const end = lastUse.get(r.id) ?? i;     // an unused result dies right after its op
      live += byteSize(r.type);
      dying.set(end, (dying.get(end) ?? 0) + byteSize(r.type));
    }
    if (live > peak) { peak = live; peakAt = i; }
    live -= dying.get(i) ?? 0;
  });
  return { peak, peakAt };
}

/** Forward values the backward pass reads, with the layer that needs them. */
function savedValues(module: Module): Map<number, { value: Value; layer: string }> {
  const out = new Map<number, { value: Value; layer: string }>();
  const params = new Set(module.params.map((p) => p.id));
  const flow = gradientFlow(module);
  const producer = new Map<number, Op>();
  for (const op of module.ops) for (const r of op.results) producer.set(r.id, op);
  const keep = (v: Value, op: Op): void => {
    // A one-hot of ids is rebuilt inside the backward's fusion (an iota compare): the ids are what is kept.
    const p = producer.get(v.id);
    const from = p ? opEntry(p.kind)?.role.rebuiltFrom ?? null : null;
    const source = from === null ? undefined : p?.operands[from];
    if (source) { keep(source, op); return; }
    if (!params.has(v.id) && !out.has(v.id)) out.set(v.id, { value: v, layer: layerOfOp(op) });
  };
  for (const op of module.ops) {
    const grads = operandGrads(flow, op);
    if (!grads.some((g) => g)) continue;
    const facts = trainingOf(op);
    const what = facts.saves;
    if (what === 'operands' || what === 'both') {
      op.operands.forEach((v, i) => {
        const othersNeed = grads.some((g, j) => g && j !== i);
        // A product's operand is read only for the other operands' gradients; a unary op's for its own.
        if (facts.product === 'none' || op.operands.length < 2 || othersNeed || facts.product === 'quotient') {
          keep(v, op);
        }
      });
    }
    if (what === 'result' || what === 'both') op.results.forEach((v) => keep(v, op));
  }
  return out;
}

/** Values defined in one layer (or inputs) and used in another: what rematerialisation must keep. */
function boundaryValues(module: Module): Set<Value> {
  const params = new Set(module.params.map((p) => p.id));
  const layerOfDef = new Map<number, string>();
  for (const op of module.ops) for (const r of op.results) layerOfDef.set(r.id, layerOfOp(op));
  const out = new Set<Value>();
  for (const op of module.ops) {
    const l = layerOfOp(op);
    for (const v of op.operands) {
      if (params.has(v.id)) continue;
      const def = layerOfDef.get(v.id);
      if (def === undefined || def !== l) out.add(v);
    }
  }
  return out;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}
