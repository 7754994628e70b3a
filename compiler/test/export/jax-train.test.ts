// `gshard export --train --format jax`: the training-step script, its optimizer, state shardings and errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { exportJaxTrain } from '../../src/export/jax-train.js';
import { ExportError } from '../../src/export/stablehlo.js';
import { OPTIMIZERS } from '../../src/train/optimizer.js';
import { must } from '../../src/util/checked.js';
import { exportCommand } from '../../src/cli/commands/export.js';
import { UsageError } from '../../src/cli/args.js';
import type { CliIO } from '../../src/cli/io.js';
import { propagated, propagatedFile, ROOT } from './helpers.js';

const LM = propagatedFile(join(ROOT, 'examples', 'moe_decoder_lm.gshard'));
const options = (kind: 'sgd' | 'adam' | 'adafactor', zero = false) => ({
  precision: 'highest' as const, optimizer: must(OPTIMIZERS[kind], kind)({ lr: 0.01 }),
  statePlacement: zero ? 'data' as const : 'param' as const,
});
const specLine = (text: string, name: string): string =>
  text.split('\n').find((l) => l.startsWith(`    ${JSON.stringify(name)}: (`)) ?? '';

test('the training script differentiates the first result and applies the optimizer in train_step', () => {
  const text = exportJaxTrain(LM, options('adam'));
  assert.match(text, /def train_step\(params, opt_state, inputs\):\n {8}loss, grads = jax\.value_and_grad\(loss_fn\)/);
  assert.match(text, /return moe_decoder_lm\(mesh, \*\[inputs\[k\] for k in INPUT_NAMES\], \*\[params\[k\] for k in PARAM_NAMES\]\)\[0\]/);
  assert.match(text, /LEARNING_RATE = 0\.01\nBETA1 = 0\.9\nBETA2 = 0\.999\nEPSILON = 1e-8/);
  assert.match(text, /INPUT_NAMES = \[name for name, _, _, _ in ARGUMENTS\[:2\]\]/);
  assert.match(text, /STATE_SLOTS = \["adam_m", "adam_v"\]/);
  assert.match(text, /^import json$/m);
});

test('optimizer state is sharded like its param by default, and also over the data axis with ZeRO', () => {
  const plain = exportJaxTrain(LM, options('adam'));
  const zero = exportJaxTrain(LM, options('adam', true));
  // embedding [V=64, M=32] is replicated: ZeRO splits its larger dim V over x (the batch axis)
  assert.equal(specLine(plain, 'embedding'), '    "embedding": (P(None, None), {"adam_m": P(None, None), "adam_v": P(None, None)}),');
  assert.equal(specLine(zero, 'embedding'), '    "embedding": (P("x", None), {"adam_m": P("x", None), "adam_v": P("x", None)}),');
  // the experts' wi is already split on x: nothing more to split
  assert.equal(specLine(zero, 'h1.wi'), '    "h1.wi": (P("x", None, None), {"adam_m": P("x", None, None), "adam_v": P("x", None, None)}),');
});

test('adafactor keeps factored moments for rank >= 2 params and a full one for vectors', () => {
  const text = exportJaxTrain(LM, options('adafactor', true));
  assert.equal(specLine(text, 'h1.wi'), '    "h1.wi": (P("x", None, None), {"adafactor_vr": P("x", None), "adafactor_vc": P("x", None)}),');
  assert.equal(specLine(text, 'final_norm'), '    "final_norm": (P("x"), {"adafactor_v": P("x")}),');
  assert.match(text, /DECAY_RATE = 0\.8\nEPSILON1 = 1e-30\nCLIP_THRESHOLD = 1\.0/);
  assert.match(text, /STATE_SLOTS = \["adafactor_vr", "adafactor_vc", "adafactor_v"\]/);
});

test('a model whose first result is not a scalar f32 loss cannot be exported for training', () => {
  const m = propagated('mesh m = [x = 2]\ndim B = 4\nmodel f(a: f32[B] @ [x]) -> f32[B] on m {\n'
    + '  param w: f32[B] @ replicate\n  return a * w\n}\n');
  assert.throws(() => exportJaxTrain(m, options('sgd')),
    (e: unknown) => e instanceof ExportError && /first result, which must be the scalar f32 loss; got f32\[B\]/.test(e.message));
});

test('export --train: only with --format jax; optimizer flags only with --train; a bad optimizer is a usage error', () => {
  const io: CliIO = { out: () => {}, err: () => {}, readFile: () => '', writeFile: () => {}, mkdir: () => {}, color: false };
  assert.throws(() => exportCommand(['a.gshard', '--format', 'stablehlo', '--train'], io), UsageError);
  assert.throws(() => exportCommand(['a.gshard', '--format', 'jax', '--optimizer', 'adam'], io), /--optimizer needs --train/);
  assert.throws(() => exportCommand(['a.gshard', '--format', 'jax', '--shard-optimizer-state'], io),
    /--shard-optimizer-state needs --train/);
  assert.throws(() => exportCommand(['a.gshard', '--format', 'jax', '--train', '--optimizer', 'lamb'], io),
    /--optimizer must be one of sgd, adam, adafactor, not 'lamb'/);
});
