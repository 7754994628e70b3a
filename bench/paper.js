#!/usr/bin/env node
// GShard Table 3 against the cost model: the paper's models as .gshard files, costed through the pipeline a user runs.
//
// Each row is a committed file (examples/paper/*.gshard; the 2048E-36L row is examples/gshard_600b.gshard itself),
// costed by running `gshard cost FILE --train-estimate --json` (the estimate of a step from the forward program, with
// rematerialisation --remat=auto, the default), so every number is what a user gets from that command. The paper
// trained these models with rematerialisation, which the real training program (`gshard cost --train`) does not
// apply yet: the `program` columns give that program's step (Adafactor, as GShard; no remat) and its HBM peak beside
// the estimate, so the two can be compared; the ratios in the summary are the estimate's.
// One set of constants and efficiencies for every row (compiler/src/cost/tpu-v3.ts); no per-row factor.
// Run: npm run build && node bench/paper.js [--json] [--only NAME]   (--json: one JSON object per row, one per line)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROWS, fileOf, capacity, groupSize } from '../scripts/paper-models.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'cli/bin/gshard.js');

/** `gshard cost FILE --train-estimate --json` (remat auto, the default), run as a user runs it; its JSON report. */
export function costFile(file, flags = ['--train-estimate']) {
  // Exit 1 (the step does not fit) still prints the report; the bench reports the memory rather than stopping.
  const r = spawnSync(process.execPath, [CLI, 'cost', file, ...flags, '--json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`gshard cost ${file} exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The real training program's cost: `gshard cost FILE --train --optimizer adafactor --json`. */
export function programCost(file) {
  return costFile(file, ['--train', '--optimizer', 'adafactor']);
}

export function rowResult(row) {
  const r = costFile(fileOf(row));
  const p = programCost(fileOf(row));
  const kind = (k) => r.collectives.filter((c) => c.kind === k).reduce((t, c) => t + c.seconds, 0);
  return {
    name: row.name, file: fileOf(row), cores: row.cores, layers: row.layers,
    tokensPerCore: row.tokens / row.cores, groupSize: groupSize(row), capacity: capacity(groupSize(row), row.cores),
    paperStepsPerSecond: row.paper ?? null,
    stepsPerSecond: +(1 / r.stepSeconds).toFixed(4),
    ratio: row.paper ? +(1 / r.stepSeconds / row.paper).toFixed(4) : null,
    stepSeconds: +r.stepSeconds.toFixed(6),
    hbmBytesPerDevice: r.hbmBytesPerDevice,
    computeSeconds: +r.computeSeconds.toFixed(6),
    allToAllSeconds: +kind('all_to_all').toFixed(6),
    allReduceSeconds: +kind('all_reduce').toFixed(6),
    rematSeconds: +r.rematSeconds.toFixed(6),
    remat: r.remat,
    communicationShare: +r.communicationShare.toFixed(4),
    mxuUtilization: +r.mxuUtilization.toFixed(4),
    rooflineUtilization: +r.rooflineUtilization.toFixed(4),
    programStepSeconds: +p.stepSeconds.toFixed(6),
    programRatio: row.paper ? +(1 / p.stepSeconds / row.paper).toFixed(4) : null,
    programHbmBytesPerDevice: p.hbmBytesPerDevice,
  };
}

function table(results) {
  const head = ['config', 'cores', 'tok/core', 'S', 'C', 'remat', 'step s', 'steps/s', 'paper', 'ratio', 'HBM GiB',
    'a2a s', 'AR s', 'remat s', 'comm %', 'MXU %', 'roofline %', 'program s', 'program ratio', 'program GiB'];
  const rows = results.map((x) => [x.name, String(x.cores), String(x.tokensPerCore), String(x.groupSize),
    String(x.capacity), x.remat ? 'yes' : 'no', x.stepSeconds.toFixed(3), x.stepsPerSecond.toFixed(2),
    x.paperStepsPerSecond ? x.paperStepsPerSecond.toFixed(2) : '-', x.ratio ? x.ratio.toFixed(2) : '-',
    (x.hbmBytesPerDevice / 2 ** 30).toFixed(2), x.allToAllSeconds.toFixed(3), x.allReduceSeconds.toFixed(3),
    x.rematSeconds.toFixed(3), (100 * x.communicationShare).toFixed(1), (100 * x.mxuUtilization).toFixed(1),
    (100 * x.rooflineUtilization).toFixed(1), x.programStepSeconds.toFixed(3),
    x.programRatio ? x.programRatio.toFixed(2) : '-', (x.programHbmBytesPerDevice / 2 ** 30).toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
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
  console.log('GShard Table 3 vs cost model (files costed as `gshard cost FILE --train-estimate`; '
    + 'ratio = ours / paper steps/s; program: `gshard cost FILE --train --optimizer adafactor`, no remat)\n');
  console.log(table(results));
  const ratios = results.filter((r) => r.ratio !== null).map((r) => r.ratio);
  const inBand = ratios.filter((x) => x >= 0.75 && x <= 1.33).length;
  const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
  const fit = results.filter((r) => r.hbmBytesPerDevice < 16 * 2 ** 30).length;
  console.log(`\n${inBand} of ${ratios.length} ratios within [0.75, 1.33]; geometric mean ratio ${geo.toFixed(2)}; `
    + `${fit} of ${results.length} rows under 16 GiB per core`);
  const programRatios = results.filter((r) => r.programRatio !== null).map((r) => r.programRatio);
  const programGeo = Math.exp(programRatios.reduce((s, x) => s + Math.log(x), 0) / programRatios.length);
  const programFit = results.filter((r) => r.programHbmBytesPerDevice < 16 * 2 ** 30).length;
  console.log(`training program (no remat): ${programRatios.filter((x) => x >= 0.75 && x <= 1.33).length} of `
    + `${programRatios.length} ratios within [0.75, 1.33]; geometric mean ratio ${programGeo.toFixed(2)}; `
    + `${programFit} of ${results.length} rows under 16 GiB per core`);
  const json = results.flatMap((r) => {
    const key = r.name.replace(/[ ,.]+/g, '');
    return [{ name: `${key} steps/s`, value: r.stepsPerSecond, unit: 'steps/s', better: 'higher' },
      ...(r.ratio !== null ? [{ name: `${key} ratio`, value: r.ratio }] : []),
      { name: `${key} HBM GiB`, value: +(r.hbmBytesPerDevice / 2 ** 30).toFixed(3), unit: 'GiB', better: 'lower' },
      ...(r.programRatio !== null ? [{ name: `${key} program ratio`, value: r.programRatio }] : []),
      { name: `${key} program HBM GiB`, value: +(r.programHbmBytesPerDevice / 2 ** 30).toFixed(3), unit: 'GiB',
        better: 'lower' }];
  });
  json.push({ name: 'ratios in band', value: inBand, better: 'higher' },
    { name: 'geomean ratio', value: +geo.toFixed(4) });
  console.log('BENCH_JSON ' + JSON.stringify({ bench: 'paper', rows: json }));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
