// The cost of the real training program (forward + backward + optimizer update, partitioned as one SPMD
// program): FLOPs, collectives by phase, and the peak of live bytes per device from its own liveness.

import type { Module } from '../ir/module.js';
import { byteSize } from '../ir/types.js';
import { costModule } from './cost.js';
import type { Hardware } from './tpu-v3.js';
import { TPU_V3_HARDWARE } from './tpu-v3.js';

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
  const layout = spmd.training;
  if (!layout) throw new Error(`module ${spmd.name} is not a training program`);
  const r = costModule(spmd, { train: false, hardware: hw });
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

/** 1.5 KiB, 3.2 MiB, 12.0 GiB: small models' bytes read as more than 0.00 GiB. */
function size(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function trainProgramText(c: TrainProgramCost, placement: string): string {
  const lines = [
    `training program (forward + backward + ${c.optimizer} update; optimizer state ${placement}),`
      + ` per device of ${c.devices}:`,
    `  params            ${size(c.paramBytes)}`,
    `  optimizer state   ${size(c.optimizerStateBytes)}`,
    `  peak live bytes   ${size(c.peakBytes)}`
      + ' (the program\'s own liveness: params, state, gradients, saved activations)',
    `  FLOPs             ${c.flopsPerDevice.toExponential(3)}`,
    `  step time         ${(c.stepSeconds * 1e3).toFixed(3)} ms`,
    '  collectives:',
    ...c.collectives.map((g) =>
      `    ${g.phase.padEnd(9)} ${String(g.count).padStart(3)} x ${g.kind.padEnd(18)} `
        + `${size(g.bytesPerDevice)} per device`),
  ];
  return `${lines.join('\n')}\n`;
}
