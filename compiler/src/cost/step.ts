// Step time: per-op forward times, the training step built from them, and per-layer totals.
//
// Forward:  sum over ops of max(compute time, HBM time) for compute ops, plus collective times; nothing
//           overlaps (a conservative schedule: XLA overlaps little across an SPMD program's dependencies).
//   matmul time = FLOPs / (peak / passes * mxuEfficiency * mxuFill), passes = f32MatmulPasses for f32 operands
//   HBM time    = fused bytes / (HBM bandwidth * hbmEfficiency); an elementwise op output-fused onto a matmul
//                 (fusion.ts) adds its bytes to the matmul's and takes no time of its own: one kernel
// Training: only ops on a gradient path (gradient.ts) run backward. A matmul costs one forward matmul
//           per operand that receives a gradient (input and weight gradients: 2; GShard's dispatch
//           einsum, whose mask has no gradient: 1); any other differentiable op 2 x its forward (it reads
//           the incoming gradient and its saved values, writes the operand gradients);
//           backward collectives mirror the forward ones where a gradient flows through them
// (all_gather <-> reduce_scatter, all_to_all and all_reduce stay, permutes reverse); the gradient of a parameter
// replicated over mesh axes is
//           all-reduced over them (one combined all_reduce per set of axes, as XLA's combiner does);
//           the optimizer update streams params, gradients and Adafactor state once through HBM.
//           Rematerialisation re-runs every layer's forward (its compute and its collectives) before its backward.
//           Ops at the top level (outside every layer: the embedding lookups, the output softmax and loss) are not
//           re-run: the backward starts right where their forward ended, with their saved values still live
//           (memory.ts counts them against the largest layer's rebuilt set, which never coexists with them).

import type { Module, Op, Value } from '../ir/module.js';
import { attrStrings } from '../ir/op-def.js';
import { byteSize } from '../ir/types.js';
import { axisNames, type Mesh, replicaGroups } from '../ir/mesh.js';
import { type CollectiveKind, collectiveTime, isCollectiveKind, type Participants } from './collective-time.js';
import { opWork, type WorkClass } from './flops.js';
import { collectiveFacts, isPairwise } from '../ops/registry.js';
import { fusedBytes, outputFusionHosts } from './fusion.js';
import { gradientFlow, operandGrads } from './gradient.js';
import { layerOfOp, TOP_LEVEL } from './layers.js';
import { adafactorStateBytes } from './memory.js';
import type { Hardware } from './tpu-v3.js';

/** `update`: the optimizer update of a real training program (train-program-cost.ts). */
export type Phase = 'forward' | 'backward' | 'remat' | 'gradient-sync' | 'update';

export interface CollectiveCost {
  readonly kind: CollectiveKind;
  readonly bytesPerDevice: number;
  readonly seconds: number;
  readonly line: number;
  readonly layer: string;
  readonly phase: Phase;
  readonly axes: readonly string[];
  readonly detail: string;
}

export interface OpCost {
  readonly op: Op;
  readonly layer: string;
  readonly line: number;
  readonly cls: WorkClass;
  readonly flops: number;
  readonly bytes: number;
  /** Forward seconds of this op (compute ops: max of MXU and HBM time; collectives: the alpha-beta time). */
  readonly seconds: number;
  readonly boundBy: 'mxu' | 'hbm' | 'ici' | 'none';
  readonly collective?: CollectiveCost;
}

export interface LayerCost {
  readonly name: string;
  readonly ops: number;
  /** Step FLOPs per device (forward, backward and remat in training). */
  readonly flops: number;
  readonly computeSeconds: number;
  readonly collectiveSeconds: Readonly<Partial<Record<CollectiveKind, number>>>;
  readonly seconds: number;
}

export interface StepCost {
  readonly ops: readonly OpCost[];
  readonly collectives: readonly CollectiveCost[];
  readonly layers: readonly LayerCost[];
  readonly forwardSeconds: number;
  readonly backwardSeconds: number;
  readonly rematSeconds: number;
  readonly gradientSyncSeconds: number;
  readonly optimizerSeconds: number;
  readonly computeSeconds: number;
  readonly collectiveSeconds: number;
  readonly stepSeconds: number;
  readonly flopsPerDevice: number;
  /** Time the step would take at the roofline: every op at peak FLOPs or peak HBM bandwidth, no communication. */
  readonly rooflineSeconds: number;
}

export interface StepOptions { readonly train: boolean; readonly remat: boolean }

export const OPTIMIZER_LAYER = '(optimizer)';

/** Forward cost of every op, in program order. */
export function costOps(module: Module, hw: Hardware): OpCost[] {
  const fused = fusedBytes(module);
  // An elementwise op fused onto a matmul moves its bytes inside the matmul's kernel (fusion.ts).
  const hosts = outputFusionHosts(module);
  const hostedBytes = new Map<number, number>();
  for (const [consumer, host] of hosts) {
    hostedBytes.set(host.id, (hostedBytes.get(host.id) ?? 0) + (fused.get(consumer) ?? 0));
  }
  return module.ops.map((op) => {
    const layer = layerOfOp(op);
    const line = op.span.start.line;
    if (isCollectiveKind(op.kind)) {
      const c = collectiveCost(module.mesh, op, op.kind, operandBytes(op), participantsOf(module.mesh, op), hw, layer,
        'forward');
      return { op, layer, line, cls: 'collective' as const, flops: 0, bytes: 0, seconds: c.seconds,
        boundBy: 'ici' as const, collective: c };
    }
    const w = opWork(op);
    const bytes = hosts.has(op.id) ? 0 : (fused.get(op.id) ?? w.bytes) + (hostedBytes.get(op.id) ?? 0);
    const rate = hw.peakFlops / (w.f32 ? hw.f32MatmulPasses : 1) * hw.mxuEfficiency * w.mxuFill;
    const mxu = w.cls === 'matmul' ? w.flops / rate : 0;
    const mem = bytes / (hw.hbmBandwidth * hw.hbmEfficiency);
    const seconds = Math.max(mxu, mem);
    const boundBy = seconds === 0 ? 'none' as const : mxu >= mem ? 'mxu' as const : 'hbm' as const;
    return { op, layer, line, cls: w.cls, flops: w.flops, bytes, seconds, boundBy };
  });
}

export function stepCost(module: Module, opts: StepOptions, hw: Hardware): StepCost {
  const ops = costOps(module, hw);
  const collectives: CollectiveCost[] = [];
  type LayerAcc = { ops: number; flops: number; compute: number; coll: Partial<Record<CollectiveKind, number>> };
  const layerAcc = new Map<string, LayerAcc>();
  const acc = (l: string) => {
    const a = layerAcc.get(l) ?? { ops: 0, flops: 0, compute: 0, coll: {} };
    layerAcc.set(l, a);
    return a;
  };
  const addColl = (c: CollectiveCost) => {
    collectives.push(c);
    const a = acc(c.layer);
    a.coll[c.kind] = (a.coll[c.kind] ?? 0) + c.seconds;
  };

  let forward = 0;
  let backward = 0;
  let remat = 0;
  let compute = 0;
  let flops = 0;
  let roofline = 0;
  const flow = opts.train ? gradientFlow(module) : undefined;
  for (const c of ops) {
    const a = acc(c.layer);
    a.ops++;
    forward += c.seconds;
    const grads = flow ? operandGrads(flow, c.op).filter((x) => x).length : 0;
    const rerun = opts.train && opts.remat && c.layer !== TOP_LEVEL;
    if (c.collective) {
      addColl(c.collective);
      if (grads > 0) {
        const back = mirror(module.mesh, c.op, c.collective, hw);
        addColl(back);
        backward += back.seconds;
      }
      if (rerun) { addColl({ ...c.collective, phase: 'remat' }); remat += c.seconds; }
      continue;
    }
    // Passes of this op's forward work per step: forward, its backward, and with remat the forward again.
    const back = c.cls === 'matmul' ? grads : grads > 0 ? 2 : 0;
    const factor = 1 + back + (rerun ? 1 : 0);
    a.flops += c.flops * factor;
    a.compute += c.seconds * factor;
    compute += c.seconds * factor;
    flops += c.flops * factor;
    backward += back * c.seconds;
    if (rerun) remat += c.seconds;
    roofline += factor * Math.max(c.cls === 'matmul' ? c.flops / hw.peakFlops : 0, c.bytes / hw.hbmBandwidth);
  }

  let gradientSync = 0;
  let optimizer = 0;
  if (opts.train) {
    for (const c of gradientAllReduces(module, hw)) { addColl(c); gradientSync += c.seconds; }
    // Read param + gradient, write param; read and write the Adafactor state; one more pass over the
    // gradient for its row/column mean squares.
    const paramBytes = module.params.reduce((s, p) => s + byteSize(p.type), 0);
    const stateBytes = module.params.reduce((s, p) => s + adafactorStateBytes(p.type), 0);
    optimizer = (4 * paramBytes + 2 * stateBytes) / (hw.hbmBandwidth * hw.hbmEfficiency);
    const a = acc(OPTIMIZER_LAYER);
    a.compute += optimizer;
    compute += optimizer;
    roofline += (4 * paramBytes + 2 * stateBytes) / hw.hbmBandwidth;
  }

  const layers: LayerCost[] = [...layerAcc.entries()].map(([name, a]) => {
    const collSum = Object.values(a.coll).reduce((s, x) => s + (x ?? 0), 0);
    return {
      name, ops: a.ops, flops: a.flops, computeSeconds: a.compute, collectiveSeconds: a.coll,
      seconds: a.compute + collSum,
    };
  });
  const collectiveSeconds = collectives.reduce((s, c) => s + c.seconds, 0);
  return {
    ops, collectives, layers,
    forwardSeconds: forward, backwardSeconds: backward, rematSeconds: remat,
    gradientSyncSeconds: gradientSync, optimizerSeconds: optimizer,
    computeSeconds: compute, collectiveSeconds,
    stepSeconds: compute + collectiveSeconds,
    flopsPerDevice: flops, rooflineSeconds: roofline,
  };
}

function operandBytes(op: Op): number {
  return op.operands[0] ? byteSize(op.operands[0].type) : 0;
}

function participantsOf(mesh: Mesh, op: Op): Participants {
  const pairs = op.attrs['pairs'];
  if (isPairwise(op.kind) && Array.isArray(pairs)) {
    return { pairs: pairs.filter((p): p is readonly [number, number] => Array.isArray(p) && p.length === 2).map((p) =>
      [Number(p[0]), Number(p[1])] as [number, number]) };
  }
  return { groups: replicaGroups(mesh, attrStrings(op.attrs, 'axes')) };
}

function collectiveCost(mesh: Mesh, op: Op, kind: CollectiveKind, bytes: number, who: Participants, hw: Hardware,
  layer: string, phase: Phase): CollectiveCost {
  const t = collectiveTime(mesh, kind, bytes, who, hw);
  return { kind, bytesPerDevice: bytes, seconds: t.seconds, line: op.span.start.line, layer, phase,
    axes: attrStrings(op.attrs, 'axes'), detail: t.detail };
}

/** The backward-pass collective of a forward collective. */
function mirror(mesh: Mesh, op: Op, fwd: CollectiveCost, hw: Hardware): CollectiveCost {
  const resultBytes = op.results[0] ? byteSize(op.results[0].type) : fwd.bytesPerDevice;
  let who = participantsOf(mesh, op);
  const t = collectiveFacts(fwd.kind).transpose;
  const bytes = t.bytes === 'result' ? resultBytes : fwd.bytesPerDevice;
  if (t.reversePairs && 'pairs' in who) who = { pairs: who.pairs.map(([a, b]) => [b, a] as [number, number]) };
  const kind = isCollectiveKind(t.kind) ? t.kind : fwd.kind;
  return collectiveCost(mesh, op, kind, bytes, who, hw, fwd.layer, 'backward');
}

/** Mesh axes (of size > 1) a parameter is replicated over: every axis none of its dims is split on. */
export function replicatedAxes(mesh: Mesh, param: Value): string[] {
  const used = new Set(param.sharding?.dims.flatMap((d) => d.axes) ?? []);
  return axisNames(mesh).filter((a) => !used.has(a) && (mesh.axes.find((x) => x.name === a)?.size ?? 1) > 1);
}

/** One combined all_reduce of the gradients per set of replicated axes. */
function gradientAllReduces(module: Module, hw: Hardware): CollectiveCost[] {
  const byAxes = new Map<string, { axes: string[]; bytes: number; line: number }>();
  for (const p of module.params) {
    const axes = replicatedAxes(module.mesh, p);
    if (axes.length === 0) continue;
    const key = axes.join(',');
    const e = byAxes.get(key) ?? { axes, bytes: 0, line: p.span.start.line };
    e.bytes += byteSize(p.type);
    byAxes.set(key, e);
  }
  return [...byAxes.values()].map(({ axes, bytes, line }) => {
    const t = collectiveTime(module.mesh, 'all_reduce', bytes, { groups: replicaGroups(module.mesh, axes) }, hw);
    return { kind: 'all_reduce' as const, bytesPerDevice: bytes, seconds: t.seconds, line, layer: OPTIMIZER_LAYER,
      phase: 'gradient-sync' as const, axes,
      detail: `gradients of params replicated over [${axes.join(', ')}]; ${t.detail}` };
  });
}

export { TOP_LEVEL };
