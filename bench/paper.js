#!/usr/bin/env node
// GShard Table 3 against the cost model: predicted training-step time of the six MoE configurations
// beside the paper's measured steps/s, plus the 1T (2048E, 60L, bf16 activations) run's memory.
//
// The per-device programs are HAND-BUILT (compiler/src/cost/hand-built/gshard-moe.ts) until the SPMD
// partitioner lands; then they will come from generated .gshard sources through the real pipeline.
// One set of constants and efficiencies for every row. Rematerialisation policy, the same for all: a
// step is costed without remat when it fits in 16 GiB per core, else with remat (as GShard did at 36L).
// Run: npm run build && node bench/paper.js
import { buildGShardModel, GSHARD_CONFIGS, GSHARD_1T } from '../compiler/dist/src/cost/hand-built/gshard-moe.js';
import { costModule } from '../compiler/dist/src/cost/cost.js';

function cost(cfg) {
  const module = buildGShardModel(cfg);
  const plain = costModule(module, { train: true });
  return plain.fits ? plain : costModule(module, { train: true, remat: true });
}

const head = ['config', 'cores', 'layers', 'remat', 'step s', 'pred steps/s', 'paper steps/s', 'ratio', 'HBM GiB', 'comm %', 'MXU %'];
const rows = [];
const ratios = [];
for (const cfg of [...GSHARD_CONFIGS, GSHARD_1T]) {
  const r = cost(cfg);
  const s = r.step.stepSeconds;
  const paper = cfg.paperStepsPerSecond;
  const ratio = paper ? 1 / s / paper : undefined;
  if (ratio !== undefined) ratios.push(ratio);
  rows.push([cfg.name, String(cfg.experts), String(cfg.layers), r.remat ? 'yes' : 'no', s.toFixed(3), (1 / s).toFixed(2),
    paper ? paper.toFixed(2) : '-', ratio ? ratio.toFixed(2) : '-', (r.memory.peakBytes / 2 ** 30).toFixed(2),
    (100 * r.communicationShare).toFixed(1), (100 * r.mxuUtilization).toFixed(1)]);
}
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log('GShard Table 3 vs cost model (hand-built per-device programs; ratio = predicted / paper steps/s)\n');
console.log(fmt(head));
console.log(fmt(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(fmt(r));
const inBand = ratios.filter((x) => x >= 0.75 && x <= 1.33).length;
const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
console.log(`\n${inBand} of ${ratios.length} ratios within [0.75, 1.33]; geometric mean ratio ${geo.toFixed(2)}`);
