#!/usr/bin/env node
// GShard Table 3 against the cost model: the paper's models as .gshard files, costed through the pipeline a user runs.
//
// Each row is a committed file (examples/paper/*.gshard; the 2048E-36L row is examples/gshard_600b.gshard itself),
// costed by running `gshard cost FILE --train --optimizer adafactor --json`: the real training program (forward,
// backward and GShard's Adafactor update, partitioned as one SPMD program), with the file's remat marks (the 36L and
// 60L models are written `remat repeat`, as the paper trained them; 12L without). So every number is what a user gets
// from that command. The `est.` columns are `gshard cost FILE --train-estimate --json` (the estimate from the forward
// program, --remat=auto), beside it for comparison; the summary's ratios are the training program's.
// One set of constants and efficiencies for every row (compiler/src/cost/tpu-v3.ts); no per-row factor.
// Run: npm run build && node bench/paper.js [--json] [--only NAME]   (--json: one JSON object per row, one per line)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROWS, fileOf, capacity, groupSize } from '../scripts/paper-models.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'cli/bin/gshard.js');
const GIB = 2 ** 30;

/** `gshard cost FILE FLAGS --json`, run as a user runs it; its JSON report. */
export function costFile(file, flags) {
  // Exit 1 (the step does not fit) still prints the report; the bench reports the memory rather than stopping.
  const r = spawnSync(process.execPath, [CLI, 'cost', file, ...flags, '--json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`gshard cost ${file} exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The real training program's cost, as GShard trained: `gshard cost FILE --train --optimizer adafactor --json`. */
export function programCost(file) {
  return costFile(file, ['--train', '--optimizer', 'adafactor']);
}

/** The estimate from the forward program: `gshard cost FILE --train-estimate --json` (--remat=auto). */
export function estimateCost(file) {
  return costFile(file, ['--train-estimate']);
}

const ratioOf = (row, seconds) => (row.paper ? +(1 / seconds / row.paper).toFixed(4) : null);

export function rowResult(row) {
  const p = programCost(fileOf(row));
  const e = estimateCost(fileOf(row));
  const kind = (k) => p.collectives.filter((c) => c.kind === k).reduce((t, c) => t + c.seconds, 0);
  // With remat marks, `cost --train` also compiles the program without them: its peak is what remat saves.
  const savings = p.trainingProgram?.remat;
  return {
    name: row.name, file: fileOf(row), cores: row.cores, layers: row.layers,
    tokensPerCore: row.tokens / row.cores, groupSize: groupSize(row), capacity: capacity(groupSize(row), row.cores),
    optimizer: p.trainingProgram.optimizer,
    paperStepsPerSecond: row.paper ?? null,
    stepsPerSecond: +(1 / p.stepSeconds).toFixed(4),
    ratio: ratioOf(row, p.stepSeconds),
    stepSeconds: +p.stepSeconds.toFixed(6),
    hbmBytesPerDevice: p.hbmBytesPerDevice,
    fits: p.fits,
    computeSeconds: +p.computeSeconds.toFixed(6),
    allToAllSeconds: +kind('all_to_all').toFixed(6),
    allReduceSeconds: +kind('all_reduce').toFixed(6),
    rematSeconds: +p.rematSeconds.toFixed(6),
    remat: p.remat,
    peakBytesWithoutRemat: savings ? savings.peakBytesWithout : null,
    communicationShare: +p.communicationShare.toFixed(4),
    mxuUtilization: +p.mxuUtilization.toFixed(4),
    rooflineUtilization: +p.rooflineUtilization.toFixed(4),
    estimateStepSeconds: +e.stepSeconds.toFixed(6),
    estimateRatio: ratioOf(row, e.stepSeconds),
    estimateHbmBytesPerDevice: e.hbmBytesPerDevice,
    estimateRemat: e.remat,
  };
}

function table(results) {
  const head = ['config', 'cores', 'tok/core', 'S', 'C', 'remat', 'step s', 'steps/s', 'paper', 'ratio', 'HBM GiB',
    'no-remat GiB', 'a2a s', 'AR s', 'remat s', 'comm %', 'MXU %', 'roofline %', 'est. s', 'est. ratio',
    'est. GiB', 'est. remat'];
  const gib = (b) => (b / GIB).toFixed(2);
  const rows = results.map((x) => [x.name, String(x.cores), String(x.tokensPerCore), String(x.groupSize),
    String(x.capacity), x.remat ? 'yes' : 'no', x.stepSeconds.toFixed(3), x.stepsPerSecond.toFixed(2),
    x.paperStepsPerSecond ? x.paperStepsPerSecond.toFixed(2) : '-', x.ratio ? x.ratio.toFixed(2) : '-',
    gib(x.hbmBytesPerDevice), x.peakBytesWithoutRemat === null ? '-' : gib(x.peakBytesWithoutRemat),
    x.allToAllSeconds.toFixed(3), x.allReduceSeconds.toFixed(3), x.rematSeconds.toFixed(3),
    (100 * x.communicationShare).toFixed(1), (100 * x.mxuUtilization).toFixed(1),
    (100 * x.rooflineUtilization).toFixed(1), x.estimateStepSeconds.toFixed(3),
    x.estimateRatio ? x.estimateRatio.toFixed(2) : '-', gib(x.estimateHbmBytesPerDevice),
    x.estimateRemat ? 'yes' : 'no']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

/** Ratios within [0.75, 1.33], their geometric mean, and the rows under 16 GiB per core. */
function summary(results, ratioKey, bytesKey) {
  const ratios = results.filter((r) => r[ratioKey] !== null).map((r) => r[ratioKey]);
  return {
    inBand: ratios.filter((x) => x >= 0.75 && x <= 1.33).length, count: ratios.length,
    geo: Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length),
    fit: results.filter((r) => r[bytesKey] < 16 * GIB).length,
  };
}

function main() {
  const only = process.argv.indexOf('--only');
  const rows = only >= 0 ? ROWS.filter((r) => r.name === process.argv[only + 1]) : ROWS;
  if (rows.length === 0) {
    throw new Error(`no row named ${process.argv[only + 1]}; rows: ${ROWS.map((r) => r.name).join(', ')}`);
  }
  const results = rows.map(rowResult);
  if (process.argv.includes('--json')) {
    for (const r of results) console.log(JSON.stringify(r));
    return;
  }
  console.log('GShard Table 3 vs cost model: `gshard cost FILE --train --optimizer adafactor` (the training program, '
    + 'with the files\' remat marks); ratio = ours / paper steps/s; est.: `gshard cost FILE --train-estimate`\n');
  console.log(table(results));
  const p = summary(results, 'ratio', 'hbmBytesPerDevice');
  const e = summary(results, 'estimateRatio', 'estimateHbmBytesPerDevice');
  console.log(`\n${p.inBand} of ${p.count} ratios within [0.75, 1.33]; geometric mean ratio ${p.geo.toFixed(2)}; `
    + `${p.fit} of ${results.length} rows under 16 GiB per core`);
  console.log(`estimate: ${e.inBand} of ${e.count} ratios within [0.75, 1.33]; geometric mean ratio `
    + `${e.geo.toFixed(2)}; ${e.fit} of ${results.length} rows under 16 GiB per core`);
  const json = results.flatMap((r) => {
    const key = r.name.replace(/[ ,.]+/g, '');
    return [{ name: `${key} steps/s`, value: r.stepsPerSecond, unit: 'steps/s', better: 'higher' },
      ...(r.ratio !== null ? [{ name: `${key} ratio`, value: r.ratio }] : []),
      { name: `${key} HBM GiB`, value: +(r.hbmBytesPerDevice / GIB).toFixed(3), unit: 'GiB', better: 'lower' },
      ...(r.estimateRatio !== null ? [{ name: `${key} estimate ratio`, value: r.estimateRatio }] : []),
      { name: `${key} estimate HBM GiB`, value: +(r.estimateHbmBytesPerDevice / GIB).toFixed(3), unit: 'GiB',
        better: 'lower' }];
  });
  json.push({ name: 'ratios in band', value: p.inBand, better: 'higher' },
    { name: 'geomean ratio', value: +p.geo.toFixed(4) },
    { name: 'rows under 16 GiB', value: p.fit, better: 'higher' });
  console.log('BENCH_JSON ' + JSON.stringify({ bench: 'paper', rows: json }));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
