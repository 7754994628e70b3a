// `gshard train`, `run --train`, `compile --emit spmd --train` and `explain --train` as a user runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gshard, ROOT } from './helpers.js';

const LM = 'examples/moe_decoder_lm.gshard';
/** The LM at a size that trains in seconds (same code paths: gather, attention, top-2 MoE, cross-entropy). */
const SMALL = ['--dim', 'B=2,L=8,S=8'];

test('gshard train --json: the model, EQUAL, the largest param error and the loss per step on both', () => {
  const r = gshard(['train', LM, '--steps', '3', ...SMALL, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { model: string; equal: boolean; maxRelError: number; steps: { loss: number; referenceLoss: number }[] };
  assert.equal(j.model, 'moe_decoder_lm');
  assert.equal(j.equal, true);
  assert.ok(j.maxRelError >= 0 && j.maxRelError < 1e-4);
  assert.equal(j.steps.length, 3);
  for (const s of j.steps) assert.ok(Math.abs(s.loss - s.referenceLoss) < 1e-4 * s.referenceLoss, JSON.stringify(s));
  assert.ok(j.steps[2]!.referenceLoss < j.steps[0]!.referenceLoss);
});

test('gshard run --train --save DIR: inputs/, params/, grads/, final/, optimizer/ and the text report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-train-'));
  const out = join(dir, 'save');
  try {
    const r = gshard(['run', '--train', LM, '--steps', '2', ...SMALL, '--save', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^gshard train examples\/moe_decoder_lm\.gshard: model moe_decoder_lm, optimizer sgd, 2 steps$/m);
    assert.match(r.stdout, /^ +1 +\d+\.\d{6} +\d+\.\d{6}$/m);
    assert.match(r.stdout, /EQUAL: the mesh matches the reference at every step/);
    for (const sub of ['inputs', 'params', 'grads', 'final', 'optimizer']) assert.ok(existsSync(join(out, sub)), sub);
    assert.deepEqual(readdirSync(join(out, 'inputs')).sort(), ['targets.npy', 'tokens.npy']);
    assert.equal(readdirSync(join(out, 'params')).length, 20);
    assert.deepEqual(readdirSync(join(out, 'grads')).sort(), readdirSync(join(out, 'params')).sort());
    assert.deepEqual(readdirSync(join(out, 'final')).sort(), readdirSync(join(out, 'params')).sort());
    assert.deepEqual(readdirSync(join(out, 'optimizer')), [], 'SGD keeps no state');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { losses: number[]; files: { path: string; dims: string[] }[] };
    assert.equal(manifest.losses.length, 2);
    assert.deepEqual(manifest.files.find((f) => f.path === 'grads/h1.wg.npy')?.dims, ['M', 'E']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('explain --train on the data-parallel MoE LM: weight-gradient all-reduces, two backward all-to-alls, nothing else', () => {
  const r = gshard(['explain', LM, '--train', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const cs = (JSON.parse(r.stdout) as { collectives: { kind: string; phase: string; param?: string; why: string; axes: string[] }[] }).collectives;
  const forward = cs.filter((c) => c.phase === 'forward');
  assert.deepEqual(forward.map((c) => c.kind), ['all_reduce', 'all_to_all', 'all_to_all', 'all_reduce'], 'the forward pass is unchanged');
  const backward = cs.filter((c) => c.phase === 'backward');
  assert.deepEqual(cs.filter((c) => c.phase === 'update'), [], 'SGD updates each param where it lives');
  assert.ok(backward.every((c) => c.kind === 'all_reduce' || c.kind === 'all_to_all'), backward.map((c) => c.kind).join(', '));
  assert.ok(backward.every((c) => c.axes.join() === 'x'));
  // the transposed dispatch and combine: the two forward all-to-alls, each once
  const a2a = backward.filter((c) => c.kind === 'all_to_all');
  assert.equal(a2a.length, 2);
  assert.match(a2a[0]!.why, /^backward of `moe_ffn\.outputs`/);
  assert.match(a2a[1]!.why, /^backward of `moe_ffn\.expert_inputs`/);
  // every replicated weight's gradient is all-reduced over x; the experts' weights (split on E) need nothing
  const reduced = backward.filter((c) => c.kind === 'all_reduce');
  assert.ok(reduced.every((c) => c.param !== undefined), 'every backward all-reduce completes a weight gradient');
  const params = new Set(reduced.map((c) => c.param));
  assert.equal(params.size, 18);
  // one each: the tied embedding's two terms (logits, gather) are added while partial, then reduced once
  assert.equal(reduced.length, 18);
  assert.ok(!params.has('moe_ffn.wi') && !params.has('moe_ffn.wo'));
  const wg = reduced.find((c) => c.param === 'moe_ffn.wg')!;
  assert.match(wg.why, /^gradient of replicated `moe_ffn\.wg`: all-reduce over x because einsum at 55:40: contracting dim G is split on x/);
  const text = gshard(['explain', LM, '--train']).stdout;
  assert.match(text, /: 4 in the forward pass, 20 in the backward pass, 0 in the optimizer update$/m);
  assert.match(text, /^no collective for the gradient of: `moe_ffn\.wi` \(split on E over x\), `moe_ffn\.wo` \(split on E over x\)$/m);
});

test('compile --emit spmd --train prints the training program; --dump-after autodiff needs --train', () => {
  const r = gshard(['compile', LM, '--emit', 'spmd', '--train', '--no-locations']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ {2}%h1\.wg\.grad: f32\[M=32, E=8\] @ \[_, _\] = all_reduce\(/m);
  assert.match(r.stdout, /^ {2}%h1\.wg\.next: f32\[M=32, E=8\] @ \[_, _\] = sub\(%h1\.wg, /m);
  assert.match(r.stdout, /^ {2}return %loss, %embedding\.grad, /m);
  const dump = gshard(['compile', LM, '--train', '--dump-after', 'autodiff', '--no-locations']);
  assert.equal(dump.status, 0, dump.stderr);
  assert.match(dump.stdout, /view global \{/);
  assert.match(dump.stdout, /%h1\.wi\.grad: f32\[E=8, M=32, H=64\] = einsum\(/);
  const without = gshard(['compile', LM, '--dump-after', 'autodiff']);
  assert.equal(without.status, 2);
  assert.match(without.stderr, /autodiff runs only with --train/);
  const plain = gshard(['compile', LM, '--emit', 'spmd', '--no-locations']);
  assert.doesNotMatch(plain.stdout, /\.grad/, 'without --train the program is the forward one, as before');
});

test('gshard train: a model whose first result is not a scalar loss, and bad flags', () => {
  const r = gshard(['train', 'examples/moe_layer.gshard']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /error\[train-loss-not-scalar\]: training needs the model's first result to be the scalar loss f32\[\] but it is /);
  for (const [flag, value, message] of [
    ['--steps', '0', /--steps must be a whole number/], ['--lr', '-1', /--lr must be a positive number/],
    ['--optimizer', 'nope', /--optimizer must be one of sgd/],
  ] as const) {
    const bad = gshard(['train', LM, `${flag}=${value}`]);
    assert.equal(bad.status, 2, `${flag} ${value}`);
    assert.match(bad.stderr, message);
  }
  assert.equal(gshard(['explain', LM, '--lr', '0.1']).status, 2, '--lr needs --train');
});

void ROOT;
