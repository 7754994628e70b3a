// Renders a CostReport: a text table per layer with totals, the --json object, and a self-contained HTML page.

import type { Module } from '../ir/module.js';
import { meshToString } from '../ir/mesh.js';
import { foldRows, type FoldedRow } from './fold.js';
import { TOP_LEVEL } from './layers.js';
import type { LayerCost } from './step.js';
import { COLLECTIVE_KINDS, type CollectiveKind } from './collective-time.js';
import type { CostReport } from './cost.js';
import { gib } from './diagnostics.js';
import { einsumOrderEntries, einsumOrderLines } from './einsum-orders.js';

const ms = (s: number) => (s * 1e3).toFixed(2);
const gflop = (f: number) => (f / 1e9).toFixed(1);
const mib = (b: number) => (b / 2 ** 20).toFixed(1);

/** The path a user types for a cost layer (`attention y.0.a.arg0` -> `pair[0].attention[0]`). */
export function layerPath(m: Module, layer: string): string {
  if (layer === TOP_LEVEL) return layer;
  const inst = m.instances?.find((i) => `${i.layer} ${i.prefix.slice(0, -1)}` === layer);
  return inst?.path ?? layer;
}

/** The collective kinds that occur in the report, in the usual order. */
function occurringKinds(r: CostReport): CollectiveKind[] {
  return COLLECTIVE_KINDS.filter((k) => r.step.layers.some((l) => (l.collectiveSeconds[k] ?? 0) > 0));
}

/** Layer rows with repeated instances of equal cost folded (`×18`). */
function foldedLayers(r: CostReport, m: Module, cells: (l: LayerCost) => string[]): FoldedRow<LayerCost>[] {
  return foldRows(r.step.layers.map((l) => ({ name: layerPath(m, l.name), key: cells(l).join('|'), item: l })));
}

export function reportText(r: CostReport, module: Module): string {
  const mesh = module.mesh;
  const kinds = occurringKinds(r);
  const head = ['layer', 'ops', 'GFLOP', 'compute ms', ...kinds.map((k) => `${k} ms`), 'total ms', 'params MiB',
    'activ. MiB'];
  const cells = (l: LayerCost) => {
    const mem = r.memory.byLayer.get(l.name);
    return [String(l.ops), gflop(l.flops), ms(l.computeSeconds), ...kinds.map((k) => ms(l.collectiveSeconds[k] ?? 0)),
      ms(l.seconds),
      mib(mem?.paramBytes ?? 0), mib(mem?.activationBytes ?? 0)];
  };
  const folded = foldedLayers(r, module, cells);
  const rows = folded.map((f) => [f.count > 1 ? `${f.name} ×${f.count}` : f.name, ...cells(f.item)]);
  const s = r.step;
  rows.push(['TOTAL', String(s.ops.length), gflop(s.flopsPerDevice), ms(s.computeSeconds),
    ...kinds.map((k) => ms(s.collectives.filter((c) => c.kind === k).reduce((a, c) => a + c.seconds, 0))),
      ms(s.stepSeconds),
    mib(r.memory.paramBytes), mib(r.memory.savedActivationBytes)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const fmt = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const lines = [
    `cost of ${r.module} on ${meshToString(mesh)} (${r.devices} devices), ` +
      `${r.train ? `training step${r.remat ? ' with rematerialisation' : ''}` : 'forward pass'}`,
    ...(r.peakBytesWithoutRemat !== undefined
      ? [`--remat=auto chose rematerialisation: without it the step needs ${gib(r.peakBytesWithoutRemat)} `
        + `of HBM per core (${gib(r.hardware.hbmBytes)} available)`]
      : []),
    '',
    fmt(head),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...rows.map(fmt),
    ...(folded.some((f) => f.count > 1)
      ? ['(×N: N instances with the same cost; the numbers of such a row are per instance)'] : []),
    '',
    `step time          ${ms(s.stepSeconds)} ms  (${(1 / s.stepSeconds).toFixed(2)} steps/s)`,
    `  forward          ${ms(s.forwardSeconds)} ms`,
    ...(r.train ? [
      `  backward         ${ms(s.backwardSeconds)} ms`,
      ...(r.remat || s.rematSeconds > 0 ? [`  rematerialise    ${ms(s.rematSeconds)} ms`] : []),
      `  gradient sync    ${ms(s.gradientSyncSeconds)} ms`,
      `  optimizer        ${ms(s.optimizerSeconds)} ms`,
    ] : []),
    `communication      ${(100 * r.communicationShare).toFixed(1)}% of the step`,
    `FLOPs per device   ${gflop(s.flopsPerDevice)} GFLOP; MXU utilisation ${(100 * r.mxuUtilization).toFixed(1)}%; ` +
      `roofline ${(100 * r.rooflineUtilization).toFixed(1)}%`,
    `HBM per device     ${gib(r.memory.peakBytes)} of ` +
      `${gib(r.hardware.hbmBytes)}${r.fits ? '' : '  (DOES NOT FIT)'}: params ${gib(r.memory.paramBytes)}`
      + (r.train
        ? `, gradients ${gib(r.memory.gradientBytes)}, optimizer ${gib(r.memory.optimizerBytes)}, saved ` +
        `activations ${gib(r.memory.savedActivationBytes)}` : '')
      + `, transient ${gib(r.memory.transientPeakBytes)}`,
    ...nAryEinsums(module),
  ];
  // Diagnostics are not repeated here: the command prints them once, with their source lines.
  return lines.join('\n') + '\n';
}

/** The order of each einsum of three or more operands, after a blank line; nothing without one. */
function nAryEinsums(module: Module): string[] {
  const lines = einsumOrderLines(module, (line, col) => `${line}:${col}`);
  return lines.length ? ['', ...lines] : [];
}

/** The --json object: stepSeconds, flopsPerDevice, hbmBytesPerDevice, collectives, layers (+ a few extras). */
export function reportJson(r: CostReport, module?: Module): Record<string, unknown> {
  const s = r.step;
  return {
    stepSeconds: s.stepSeconds,
    computeSeconds: s.computeSeconds,
    collectiveSeconds: s.collectiveSeconds,
    forwardSeconds: s.forwardSeconds,
    backwardSeconds: s.backwardSeconds,
    rematSeconds: s.rematSeconds,
    gradientSyncSeconds: s.gradientSyncSeconds,
    optimizerSeconds: s.optimizerSeconds,
    flopsPerDevice: s.flopsPerDevice,
    hbmBytesPerDevice: r.memory.peakBytes,
    collectives: s.collectives.map((c) => ({ kind: c.kind, bytesPerDevice: c.bytesPerDevice, seconds: c.seconds,
      line: c.line, layer: c.layer, phase: c.phase, axes: c.axes })),
    layers: s.layers.map((l) => ({
      name: l.name, ...(module && layerPath(module, l.name) !== l.name ? { path: layerPath(module, l.name) } : {}),
        ops: l.ops, flops: l.flops, computeSeconds: l.computeSeconds, collectiveSeconds: l.collectiveSeconds,
        seconds: l.seconds,
      paramBytes: r.memory.byLayer.get(l.name)?.paramBytes ?? 0,
        activationBytes: r.memory.byLayer.get(l.name)?.activationBytes ?? 0,
    })),
    devices: r.devices, train: r.train, remat: r.remat, rematMode: r.rematMode,
    ...(r.peakBytesWithoutRemat !== undefined ? { peakBytesWithoutRemat: r.peakBytesWithoutRemat } : {}), fits: r.fits,
    communicationShare: r.communicationShare, mxuUtilization: r.mxuUtilization,
      rooflineUtilization: r.rooflineUtilization,
    memory: {
      paramBytes: r.memory.paramBytes, gradientBytes: r.memory.gradientBytes, optimizerBytes: r.memory.optimizerBytes,
      savedActivationBytes: r.memory.savedActivationBytes, transientPeakBytes: r.memory.transientPeakBytes,
        peakBytes: r.memory.peakBytes,
    },
    ...(module?.einsumOrders?.length ? { einsumOrders: einsumOrderEntries(module) } : {}),
  };
}

const COLORS: Record<CollectiveKind | 'compute', string> = {
  compute: '#4e79a7', all_reduce: '#e15759', all_gather: '#f28e2b', reduce_scatter: '#76b7b2', all_to_all: '#59a14f',
    collective_permute: '#b07aa1',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = 'body{font-family:sans-serif;margin:24px;color:#222}'
  + 'i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}td,th{padding:2px 10px;text-align:right}';

/** One self-contained page: stacked bars of time per layer (compute and each collective), memory by kind. */
export function reportHtml(r: CostReport, module: Module): string {
  const mesh = module.mesh;
  const occurring = occurringKinds(r);
  const folded = foldedLayers(r, module, (l) => [String(l.ops), ms(l.computeSeconds),
    ...occurring.map((k) => ms(l.collectiveSeconds[k] ?? 0))]);
  const layers = folded.map((f) => ({ ...f.item, name: f.count > 1 ? `${f.name} ×${f.count}` : f.name }));
  const max = Math.max(1e-12, ...layers.map((l) => l.seconds));
  const rowH = 18;
  const labelW = 220;
  const barW = 560;
  const parts: string[] = [];
  layers.forEach((l, i) => {
    const y = i * rowH;
    parts.push(`<text x="${labelW - 6}" y="${y + 13}" text-anchor="end">${esc(l.name)}</text>`);
    let x = labelW;
    const segs: [CollectiveKind | 'compute', number][] = [['compute', l.computeSeconds],
      ...COLLECTIVE_KINDS.map((k) => [k, l.collectiveSeconds[k] ?? 0] as [CollectiveKind, number])];
    for (const [k, sec] of segs) {
      if (sec <= 0) continue;
      const w = (sec / max) * barW;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y + 2}" width="${Math.max(0.5, w).toFixed(1)}" ` +
        `height="${rowH - 4}" fill="${COLORS[k]}"><title>${esc(l.name)} ${k}: ${ms(sec)} ms</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 13}">${ms(l.seconds)} ms</text>`);
  });
  const timeSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 90}" ` +
    `height="${layers.length * rowH + 4}" font-size="11" font-family="sans-serif">${parts.join('')}</svg>`;
  const m = r.memory;
  const kinds: [string, number, string][] = [
    ['params', m.paramBytes, '#4e79a7'], ['gradients', m.gradientBytes, '#f28e2b'], ['optimizer', m.optimizerBytes,
      '#76b7b2'],
    ['saved activations', m.savedActivationBytes, '#e15759'], ['transient', m.transientPeakBytes, '#59a14f'],
  ];
  const scale = Math.max(m.peakBytes, r.hardware.hbmBytes);
  let x = 0;
  const memParts = kinds.filter(([, b]) => b > 0).map(([name, b, color]) => {
    const w = (b / scale) * 760;
    const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="24" ` +
      `fill="${color}"><title>${name}: ${gib(b)}</title></rect>`;
    x += w;
    return rect;
  });
  const limitX = (r.hardware.hbmBytes / scale) * 760;
  memParts.push(`<line x1="${limitX.toFixed(1)}" x2="${limitX.toFixed(1)}" y1="0" y2="30" stroke="black" ` +
    `stroke-dasharray="3,2"/><text x="${limitX.toFixed(1)}" y="42" text-anchor="end">16 GiB per core</text>`);
  const memSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="780" height="48" font-size="11" ` +
    `font-family="sans-serif">${memParts.join('')}</svg>`;
  const legend = (items: [string, string][]) =>
    items.map(([n, c]) => `<span><i style="background:${c}"></i>${esc(n)}</span>`).join(' ');
  const what = r.train ? `training step${r.remat ? ' with rematerialisation' : ''}` : 'forward pass';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>gshard cost: ${esc(r.module)}</title>
<style>${STYLE}</style>
</head><body>
<h1>${esc(r.module)}</h1>
<p>${esc(meshToString(mesh))} &middot; ${r.devices} devices &middot; ${what}</p>
<table><tr><th>step</th><td>${ms(r.step.stepSeconds)} ms (${(1 / r.step.stepSeconds).toFixed(2)} steps/s)</td></tr>
<tr><th>communication</th><td>${(100 * r.communicationShare).toFixed(1)}%</td></tr>
<tr><th>MXU utilisation</th><td>${(100 * r.mxuUtilization).toFixed(1)}%</td></tr>
<tr><th>HBM per device</th><td>${gib(m.peakBytes)}${r.fits ? '' : ' &mdash; does not fit'}</td></tr></table>
<h2>Time per layer</h2>
<p>${legend([['compute', COLORS.compute], ...occurring.map((k): [string, string] => [k, COLORS[k]])])}</p>
${timeSvg}
<h2>Memory per device</h2>
<p>${legend(kinds.map(([n, , c]) => [n, c]))}</p>
${memSvg}
${r.diagnostics.map((d) => `<p><b>${esc(d.severity)} ${esc(d.code)}</b>: ${esc(d.message)}</p>`).join('\n')}
</body></html>
`;
}
