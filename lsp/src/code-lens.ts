// Code lenses over each layer and model: FLOPs, communication time and HBM per device.

import type { FuncDecl, Program } from '@gshard/grammar';
import type { CodeLens } from 'vscode-languageserver/node';
import { formatBytes, formatCount, formatSeconds, toRange } from './convert.js';
import { layerCost } from './costs.js';
import type { DocModel } from './doc-model.js';
import { trainingFlopsWithin } from './training.js';

/** What the lenses cost: the forward pass (the default) or the training step. */
export type CostMode = 'forward' | 'train';
export const isCostMode = (x: unknown): x is CostMode => x === 'forward' || x === 'train';

/** A lens: its text, and the exact numbers behind it (in the lens's `data`, for clients and tests). */
interface Lens { readonly title: string; readonly data?: Record<string, number | string> }

export function codeLenses(model: DocModel, program: Program, mode: CostMode = 'forward'): CodeLens[] {
  const out: CodeLens[] = [];
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    const range = toRange(item.name.span);
    const lenses: Lens[] = mode === 'train' ? trainingLenses(model, item)
      : lensTitles(model, item).map((title) => ({ title }));
    for (const l of lenses) {
      out.push({ range, command: { title: l.title, command: '' }, ...(l.data ? { data: l.data } : {}) });
    }
  }
  return out;
}

function trainingLenses(model: DocModel, func: FuncDecl): Lens[] {
  if (!model.module) return [{ title: 'training cost: the file does not compile yet' }];
  const t = model.enrichment?.training;
  if (!t) return [{ title: 'training cost: being computed (the training program is built after the forward one)' }];
  if (t.unavailable !== undefined) return [{ title: `training cost: ${t.unavailable}` }];
  const flops = trainingFlopsWithin(t, func.span.start.offset, func.span.end.offset);
  const n = instanceCount(model, func);
  const times = n > 1 ? ` (×${n} instances)` : '';
  const lenses: Lens[] = [{
    title: `training FLOPs ${formatCount(flops, 'FLOP')}/device${times} (forward + backward + update)`,
    data: { flops },
  }];
  if (!func.isModel || t.stepSeconds === undefined || t.peakBytes === undefined) return lenses;
  const fits = t.hbmBytes === undefined || t.peakBytes <= t.hbmBytes ? '' : ' (DOES NOT FIT)';
  return [{
    title: `training step ${formatSeconds(t.stepSeconds)} (${t.optimizer ?? '?'}), peak ${formatBytes(t.peakBytes)}`
      + `/device${fits}`,
    data: { stepSeconds: t.stepSeconds, peakBytes: t.peakBytes, optimizer: t.optimizer ?? '' },
  }, ...lenses];
}

function lensTitles(model: DocModel, func: FuncDecl): string[] {
  const global = model.module;
  if (!global) return ['cost: the file does not compile yet'];
  const cost = layerCost(func, model, global, instanceCount(model, func));
  if (cost.flops === 0 && cost.hbmBytes === 0) return ['cost: not used by the compiled model'];
  const times = cost.instances > 1 ? ` (×${cost.instances} instances)` : '';
  const where = cost.perDevice ? '/device' : ' (global, not partitioned yet)';
  const flops = `FLOPs ${formatCount(cost.flops, 'FLOP')}${where}${times}`;
  const comm = !cost.collectives ? 'communication: not partitioned yet'
    : cost.collectives.count === 0 ? 'communication: none'
    : communicationText(cost.collectives);
  const hbm = `HBM ≤ ${formatBytes(cost.hbmBytes)}/device`;
  return [flops, comm, hbm];
}

/** Instances of a layer: how many IR values its first named statement became. */
function communicationText(c: { count: number; bytes: number; seconds?: number }): string {
  const time = c.seconds !== undefined ? `${formatSeconds(c.seconds)} ` : '';
  return `communication ${time}in ${c.count} collective${c.count === 1 ? '' : 's'}, ${formatBytes(c.bytes)}/device`;
}

function instanceCount(model: DocModel, func: FuncDecl): number {
  if (func.isModel) return 1;
  const def = model.defs.find((d) => d.scope === func.name.name && (d.kind === 'param' || d.kind === 'binding'));
  return def ? Math.max(1, model.valuesOf(def).length) : 1;
}
