// `gshard show FILE PARAM --train`: the param's gradient, its sharding, where that came from and its reduction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gshard } from './helpers.js';

const LM = 'examples/moe_decoder_lm.gshard';

test('show --train: a replicated param\'s gradient is all-reduced over the batch axis, from the param\'s annotation', () => {
  const r = gshard(['show', LM, 'moe_ffn.wg', '--train']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^gradient of moe_ffn\.wg: f32\[M, E\], from the param's annotation at 51:23$/m);
  assert.match(r.stdout, /^ {2}reduction: all-reduce over x at 55:40 \(einsum at 55:40: contracting dim G is split on x/m);
});

test('show --train: an expert weight split on E keeps its split; its gradient needs no collective', () => {
  const r = gshard(['show', LM, 'moe_ffn.wi', '--train', '--explain']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^gradient of moe_ffn\.wi: f32\[E@x, M, H\], from the param's annotation at 52:26$/m);
  assert.match(r.stdout, /^ {2}reduction: no collective: each device computes the gradient of its own slice$/m);
});

test('show --train --json: the gradient object; the tied embedding\'s two terms are summed, then reduced once; no --train, no gradient', () => {
  const r = gshard(['show', LM, 'embedding', '--train', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { gradient: { grad: string; sharding: string; originAt: { line: number };
    reductions: { kind: string; axes: string[]; line: number }[] } };
  assert.equal(j.gradient.grad, 'embedding.grad');
  assert.equal(j.gradient.originAt.line, 64);
  assert.deepEqual(j.gradient.reductions.map((x) => [x.kind, x.axes, x.line]).sort(),
    [['all_reduce', ['x'], 67]]);
  const plain = JSON.parse(gshard(['show', LM, 'embedding', '--json']).stdout) as { gradient?: unknown };
  assert.equal(plain.gradient, undefined);
  const bad = gshard(['show', LM, 'embedding', '--optimizer', 'adam']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--optimizer needs --train/);
});
