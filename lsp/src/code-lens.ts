// Code lenses over each layer and model: FLOPs, communication time and HBM per device.

import type { FuncDecl, Program } from '@gshard/grammar';
import type { CodeLens } from 'vscode-languageserver/node';
import { formatBytes, formatCount, formatSeconds, toRange } from './convert.js';
import { layerCost } from './costs.js';
import type { DocModel } from './doc-model.js';

export function codeLenses(model: DocModel, program: Program): CodeLens[] {
  const out: CodeLens[] = [];
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    const range = toRange(item.name.span);
    for (const title of lensTitles(model, item)) out.push({ range, command: { title, command: '' } });
  }
  return out;
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
