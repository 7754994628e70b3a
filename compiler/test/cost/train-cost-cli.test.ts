// `gshard cost --train` (text and --json) costs the real training program; `--train-estimate` keeps the estimate.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { OPTIMIZERS } from '../../src/train/optimizer.js';
import { trainCost } from '../../src/cost/train-program-cost.js';
import { must } from '../../src/util/checked.js';
import { examplePath, readText } from '../helpers/repo.js';

const FILES: Record<string, string> = {
  'lm.gshard': readText(examplePath('moe_decoder_lm.gshard')),
  'layer.gshard': readText(examplePath('moe_layer.gshard')),
};

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => { out += t; }, err: (t) => { err += t; },
    readFile: (p) => must(FILES[p], p), writeFile: () => {}, mkdir: () => {}, color: false,
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

interface Json {
  stepSeconds: number; forwardSeconds: number; backwardSeconds: number; gradientSyncSeconds: number;
  optimizerSeconds: number; rematSeconds: number; flopsPerDevice: number; hbmBytesPerDevice: number; train: boolean;
  layers: { name: string; ops: number; flops: number }[];
  collectives: { kind: string; phase: string }[];
  trainingProgram: { optimizer: string; statePlacement: string; peakBytes: number; flopsPerDevice: number };
}

test('cost --train --json: the training program (sgd by default), time by phase, the same numbers as trainCost', async () => {
  const r = await cli(['cost', 'lm.gshard', '--train', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as Json;
  assert.equal(j.train, true);
  assert.equal(j.trainingProgram.optimizer, 'sgd');
  assert.equal(j.trainingProgram.statePlacement, 'param');
  const spec = { optimizer: must(OPTIMIZERS['sgd'], 'sgd')({ lr: 0.1 }), statePlacement: 'param' as const };
  const c = trainCost(must(runPipeline(FILES['lm.gshard'] ?? '', { train: spec }).spmd, 'partitioned'));
  assert.equal(j.stepSeconds, c.report.step.stepSeconds);
  assert.equal(j.flopsPerDevice, c.report.step.flopsPerDevice);
  assert.equal(j.hbmBytesPerDevice, c.program.peakBytes, 'the peak is the program\'s own liveness');
  const phases = j.forwardSeconds + j.backwardSeconds + j.gradientSyncSeconds + j.optimizerSeconds + j.rematSeconds;
  assert.ok(Math.abs(phases - j.stepSeconds) < 1e-12 * Math.max(1, j.stepSeconds), `${phases} vs ${j.stepSeconds}`);
  assert.ok(j.backwardSeconds > 0 && j.forwardSeconds > 0 && j.gradientSyncSeconds > 0);
  // 18 replicated params; the embedding's two gradient terms are summed while partial, then all-reduced once
  assert.equal(j.collectives.filter((c) => c.phase === 'gradient-sync' && c.kind === 'all_reduce').length, 18);
  // the MoE's transposed all-to-alls are backward, not gradient sync
  assert.equal(j.collectives.filter((c) => c.phase === 'backward' && c.kind === 'all_to_all').length, 2);
  assert.equal(j.layers.reduce((n, l) => n + l.flops, 0), j.flopsPerDevice);
  // a layer's row holds its params' update: the ffn's three params are updated in its row, not at the top level
  const spmd = must(runPipeline(FILES['lm.gshard'] ?? '', { train: spec }).spmd, 'partitioned');
  const updates = spmd.ops.filter((op) => op.phase === 'update').length;
  const costed = trainCost(spmd).report.step.ops.filter((o) => o.op.phase === 'update');
  assert.equal(costed.length, updates);
  assert.equal(costed.filter((o) => o.layer === 'ffn h0').length, 3 * 3, 'sgd: constant, mul, sub per param');
});

test('cost --train prints the per-layer table, the phases and the program summary; --optimizer adam adds state', async () => {
  const r = await cli(['cost', 'lm.gshard', '--train']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /training step\n/);
  assert.match(r.out, /^ {2}gradient sync +\d/m);
  assert.match(r.out, /^training program \(forward \+ backward \+ sgd update; optimizer state sharded like its param\)/m);
  const adam = JSON.parse((await cli(['cost', 'lm.gshard', '--train', '--optimizer', 'adam', '--json'])).out) as Json;
  const sgd = JSON.parse((await cli(['cost', 'lm.gshard', '--train', '--json'])).out) as Json;
  assert.ok(adam.hbmBytesPerDevice > sgd.hbmBytesPerDevice, 'adam keeps two moments per param');
});

test('cost --train on a model without a scalar loss: train-loss-not-scalar; --train-estimate still estimates', async () => {
  const r = await cli(['cost', 'layer.gshard', '--train']);
  assert.equal(r.code, 1);
  assert.match(r.err, /error\[train-loss-not-scalar\]/);
  const e = await cli(['cost', 'layer.gshard', '--train-estimate', '--json']);
  assert.equal(e.code, 0, e.err);
  const j = JSON.parse(e.out) as Json & { rematMode: string };
  assert.equal(j.train, true);
  assert.equal(j.rematMode, 'auto');
  assert.equal((j as { trainingProgram?: unknown }).trainingProgram, undefined);
});

test('--remat: with --train the program\'s remat choice (marked|none|all), with --train-estimate the estimate\'s', async () => {
  // --train --remat=all recomputes every layer in the training program and reports what that saves
  const all = await cli(['cost', 'lm.gshard', '--train', '--remat=all', '--json']);
  assert.equal(all.code, 0, all.err);
  const j = JSON.parse(all.out) as {
    remat: boolean; trainingProgram: { remat?: { peakBytes: number; flops: number; flopsWithout: number } };
  };
  const saved = must(j.trainingProgram.remat, 'remat savings are reported when layers are recomputed');
  assert.ok(saved.flops > saved.flopsWithout, 'recomputed forward ops add FLOPs');
  assert.equal(j.remat, true, 'the report says the step recomputes layers');
  const text = await cli(['cost', 'lm.gshard', '--train', '--remat=all']);
  assert.match(text.out, /training step with rematerialisation/);
  assert.match(text.out, /peak live bytes \d+\.\d (KiB|MiB|GiB) with remat, \d+\.\d (KiB|MiB|GiB) without/);
  const none = await cli(['cost', 'lm.gshard', '--train', '--remat=none', '--json']);
  assert.equal(none.code, 0, none.err);
  assert.equal((JSON.parse(none.out) as typeof j).trainingProgram.remat, undefined);
  assert.equal((JSON.parse(none.out) as typeof j).remat, false);
  // `auto` is the estimate's word; the program's choices are marked, none and all
  const bad = await cli(['cost', 'lm.gshard', '--train', '--remat=some']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--remat must be one of marked, none, all/);
  const est = await cli(['cost', 'lm.gshard', '--train-estimate', '--remat=auto', '--json']);
  assert.equal(est.code, 0, est.err);
  const opt = await cli(['cost', 'lm.gshard', '--train-estimate', '--optimizer', 'adam']);
  assert.equal(opt.code, 2);
  assert.match(opt.err, /--optimizer costs the training program: use it with --train/);
});
