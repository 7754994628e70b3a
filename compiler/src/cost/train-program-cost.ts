// The cost of the real training program (forward + backward + optimizer update, partitioned as one SPMD
// program): every op costed as it stands, time by phase, collectives by phase, and the peak of live bytes
// per device from the program's own liveness. What `gshard cost --train` (text and --json) and the language
// server's training lenses report.

import type { Module, Op, Value } from '../ir/module.js';
import { byteSize } from '../ir/types.js';
import { costModule, type CostReport } from './cost.js';
import { hbmDiagnostics } from './diagnostics.js';
import { layerOfOp, TOP_LEVEL } from './layers.js';
import type { MemoryReport } from './memory.js';
import { reportJson, reportText } from './report.js';
import type { CollectiveCost, OpCost, Phase, StepCost } from './step.js';
import type { Hardware } from './tpu-v3.js';
import { TPU_V3_HARDWARE } from './tpu-v3.js';
import { gradientCollectiveParams } from '../train/train-view.js';

export interface TrainProgramCost {
  readonly optimizer: string;
  readonly devices: number;
  /** Per device: the model's params, the optimizer state, and the peak of live bytes over the program. */
  readonly paramBytes: number;
  readonly optimizerStateBytes: number;
  readonly peakBytes: number;
  readonly flopsPerDevice: number;
  readonly stepSeconds: number;
  /** Collectives by phase (forward, backward, update) and kind: count and bytes per device. */
  readonly collectives: readonly { phase: string; kind: string; count: number; bytesPerDevice: number }[];
}

/**
 * `spmd` is the local (per-device) training program: every op is costed as it stands (no estimate of a
 * backward pass), and memory is the program's liveness peak, with params and optimizer state live
 * throughout and every forward value live until its last backward use.
 */
export function trainProgramCost(spmd: Module, hw: Hardware = TPU_V3_HARDWARE): TrainProgramCost {
  return trainCost(spmd, hw).program;
}

/** The training program's report (per layer, by phase, memory) and its summary (state, collectives by phase). */
export interface TrainCost {
  readonly report: CostReport;
  readonly program: TrainProgramCost;
}

/**
 * The report `gshard cost --train` prints, from the local training program `spmd` itself. Ops the
 * training program charges to no layer (the update of a param, a gradient's copy) are charged to the
 * layer of the values they read, so a layer's row holds its forward, its backward and its params'
 * update, as the editor's lens over the layer's text does.
 */
export function trainCost(spmd: Module, hw: Hardware = TPU_V3_HARDWARE): TrainCost {
  const layout = spmd.training;
  if (!layout) throw new Error(`module ${spmd.name} is not a training program`);
  const m: Module = { ...spmd, ops: withLayers(spmd) };
  const r = costModule(m, { train: false, hardware: hw });
  const program = programSummary(m, r);
  const memory = trainingMemory(m, r.memory);
  const step = byPhase(m, r.step);
  const diagnostics = [...r.diagnostics.filter((d) => d.code !== 'cost-hbm-overflow'),
    ...hbmDiagnostics(m, memory, hw.hbmBytes)];
  // `remat`: the program recomputes layers (its remat regions); `rematMode` is the estimate's (--train-estimate).
  const report: CostReport = {
    ...r, train: true, remat: spmd.ops.some((op) => op.phase === 'recompute'), rematMode: 'none', step, memory,
    diagnostics,
    fits: memory.peakBytes <= hw.hbmBytes,
  };
  return { report, program };
}

function programSummary(spmd: Module, r: CostReport): TrainProgramCost {
  const layout = spmd.training;
  if (!layout) throw new Error(`module ${spmd.name} is not a training program`);
  const modelParams = new Set(layout.params);
  const state = new Set(layout.state.map((s) => s.name));
  const bytesOf = (keep: (name: string) => boolean) =>
    spmd.params.filter((p) => keep(p.name)).reduce((s, p) => s + byteSize(p.type), 0);
  const phaseOf = new Map(spmd.ops.map((op) => [op, op.phase ?? 'forward']));
  const groups = new Map<string, { phase: string; kind: string; count: number; bytesPerDevice: number }>();
  for (const c of r.step.ops) {
    if (!c.collective) continue;
    const phase = phaseOf.get(c.op) ?? 'forward';
    const key = `${phase}/${c.collective.kind}`;
    const g = groups.get(key) ?? { phase, kind: c.collective.kind, count: 0, bytesPerDevice: 0 };
    g.count++;
    g.bytesPerDevice += c.collective.bytesPerDevice;
    groups.set(key, g);
  }
  const order = ['forward', 'recompute', 'backward', 'update'];
  return {
    optimizer: layout.optimizer, devices: r.devices,
    paramBytes: bytesOf((n) => modelParams.has(n)), optimizerStateBytes: bytesOf((n) => state.has(n)),
    peakBytes: r.memory.peakBytes, flopsPerDevice: r.step.flopsPerDevice, stepSeconds: r.step.stepSeconds,
    collectives: [...groups.values()]
      .sort((a, b) => order.indexOf(a.phase) - order.indexOf(b.phase) || a.kind.localeCompare(b.kind)),
  };
}

/**
 * The program's ops, with the ops charged to a param (its update and its gradient's last copy: at the param's
 * span, in no layer) given the layer of the values they read: the param's own layer instance. Other ops that
 * name no layer belong to the top level, as in the forward program.
 */
function withLayers(m: Module): Op[] {
  const layerOf = new Map<number, string>();
  const firstUse = new Map<number, string>();
  for (const op of m.ops) {
    if (op.phase) continue;
    for (const v of op.operands) if (!firstUse.has(v.id)) firstUse.set(v.id, layerOfOp(op));
  }
  const byName = new Map(m.params.map((p) => [p.name, p]));
  for (const p of m.params) {
    const l = firstUse.get(p.id);
    if (l) layerOf.set(p.id, l);
  }
  // optimizer state lives with its param
  for (const s of m.training?.state ?? []) {
    const v = byName.get(s.name);
    const of = s.of === undefined ? undefined : byName.get(s.of);
    const l = of && layerOf.get(of.id);
    if (v && l) layerOf.set(v.id, l);
  }
  const spanKey = (op: Op | Value) => `${op.span.start.offset}:${op.span.end.offset}`;
  const paramSpans = new Set(m.params.map(spanKey));
  const charged = (op: Op) => op.phase !== undefined && !op.layer && paramSpans.has(spanKey(op));
  const ops = m.ops.map((op) => {
    let out = op;
    if (charged(op)) {
      const l = op.operands.map((v: Value) => layerOf.get(v.id)).find((x) => x !== undefined && x !== TOP_LEVEL);
      if (l) out = { ...op, layer: l };
    }
    for (const r of out.results) layerOf.set(r.id, layerOfOp(out));
    return out;
  });
  // an op that reads nothing (a constant of the update) goes with its first reader
  const reader = new Map<number, Op>();
  for (const op of ops) for (const v of op.operands) if (!reader.has(v.id)) reader.set(v.id, op);
  return ops.map((op) => {
    const first = op.results[0] && reader.get(op.results[0].id);
    const l = first?.layer;
    return charged(op) && op.operands.length === 0 && l ? { ...op, layer: l } : op;
  });
}

/** Time by phase: forward, backward (less the gradient sync), gradient sync, update; collectives tagged likewise. */
function byPhase(m: Module, s: StepCost): StepCost {
  const sync = gradientCollectiveParams(m);
  const phaseOf = (c: OpCost): Phase => {
    const p = c.op.phase;
    if (p === undefined) return 'forward';
    if (p === 'backward') return c.collective && sync.has(c.op) ? 'gradient-sync' : 'backward';
    return p === 'update' ? 'update' : 'remat';
  };
  const seconds: Record<Phase, number> = { 'forward': 0, 'backward': 0, 'gradient-sync': 0, 'update': 0, 'remat': 0 };
  const collectives: CollectiveCost[] = [];
  for (const c of s.ops) {
    const phase = phaseOf(c);
    seconds[phase] += c.seconds;
    if (c.collective) collectives.push({ ...c.collective, phase });
  }
  return {
    ...s, collectives, forwardSeconds: seconds.forward, backwardSeconds: seconds.backward,
    gradientSyncSeconds: seconds['gradient-sync'], optimizerSeconds: seconds.update, rematSeconds: seconds.remat,
  };
}

/**
 * The training program's memory: its liveness peak (params, optimizer state, gradients and saved values are
 * all values of the program), broken down by what the bytes are. Saved activations: forward values the
 * backward reads. Transient: the rest of the peak (the larger of 0 and peak minus the four).
 */
function trainingMemory(m: Module, base: MemoryReport): MemoryReport {
  const layout = m.training;
  const model = new Set(layout?.params ?? []);
  const state = new Set(layout?.state.map((s) => s.name) ?? []);
  const bytes = (vs: readonly Value[]) => vs.reduce((n, v) => n + byteSize(v.type), 0);
  const paramBytes = bytes(m.params.filter((p) => model.has(p.name)));
  const optimizerBytes = bytes(m.params.filter((p) => state.has(p.name)));
  const gradientBytes = bytes((layout?.outputs.grads ?? []).flatMap((k) => m.outputs[k] ?? []));
  const forward = new Set(m.ops.filter((op) => !op.phase).flatMap((op) => op.results.map((r) => r.id)));
  const saved = new Map<number, Value>();
  for (const op of m.ops) {
    if (!op.phase) continue;
    for (const v of op.operands) if (forward.has(v.id)) saved.set(v.id, v);
  }
  const savedActivationBytes = bytes([...saved.values()]);
  const transientPeakBytes = Math.max(0,
    base.peakBytes - paramBytes - optimizerBytes - gradientBytes - savedActivationBytes);
  return { ...base, paramBytes, optimizerBytes, gradientBytes, savedActivationBytes, transientPeakBytes };
}

/** 1.5 KiB, 3.2 MiB, 12.0 GiB: small models' bytes read as more than 0.00 GiB. */
function size(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** What `cost --train` prints: the per-layer report of the program, then its state and collectives by phase. */
export function trainCostText(c: TrainCost, m: Module, placement: string): string {
  return `${reportText(c.report, m)}\n${trainProgramText(c.program, placement)}`;
}

/** `cost --train --json`: the report's fields (as `cost --json` has them) and the `trainingProgram` summary. */
export function trainCostJson(c: TrainCost, m: Module, statePlacement: string): Record<string, unknown> {
  return { model: m.name, ...reportJson(c.report, m), trainingProgram: { ...c.program, statePlacement } };
}

export function trainProgramText(c: TrainProgramCost, placement: string): string {
  const lines = [
    `training program (forward + backward + ${c.optimizer} update; optimizer state ${placement}),`
      + ` per device of ${c.devices}:`,
    `  params            ${size(c.paramBytes)}`,
    `  optimizer state   ${size(c.optimizerStateBytes)}`,
    `  peak live bytes   ${size(c.peakBytes)}`
      + ' (the program\'s own liveness: params, state, gradients, saved activations)',
    '  collectives:',
    ...c.collectives.map((g) =>
      `    ${g.phase.padEnd(9)} ${String(g.count).padStart(3)} x ${g.kind.padEnd(18)} `
        + `${size(g.bytesPerDevice)} per device`),
  ];
  return `${lines.join('\n')}\n`;
}
