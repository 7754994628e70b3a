// One step of Adam and Adafactor (and Adam with ZeRO state): the mesh and the reference equal a plain
// JS formula applied to the first step's gradients; ZeRO turns the weight-gradient all-reduces into
// reduce-scatters and adds the all-gathers of the updated params.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { trainModel } from '../../src/exec/train-run.js';
import { OPTIMIZERS } from '../../src/train/optimizer.js';
import { ADAM } from '../../src/train/adam.js';
import { ADAFACTOR } from '../../src/train/adafactor.js';
import type { StatePlacement } from '../../src/train/state-sharding.js';
import { must } from '../../src/util/checked.js';

// A data-parallel layer (B = 32: the gradient is smaller than the activations, so it is the one reduced): w [M=4, H=6] (rank 2: Adafactor factors it) and b [H] (rank 1).
const SOURCE = `mesh m = [x = 2]
dim B = 32
dim M = 4
dim H = 6
model f(a: f32[B, M] @ [x, _]) -> f32[] on m {
  param w: f32[M, H] @ replicate
  param b: f32[H] @ replicate
  y = einsum("BM,MH->BH", a, w) + b
  return reduce_mean(square(y), [B, H])
}
`;
const LR = 0.05;

async function step(name: string, placement: StatePlacement = 'param') {
  const r = runPipeline(SOURCE, { train: { optimizer: must(OPTIMIZERS[name], name)({ lr: LR }), statePlacement: placement } });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  const { sharded, spmd } = r;
  assert.ok(sharded && spmd);
  const report = await trainModel(sharded, spmd, { steps: 1, seed: 7 });
  const param = (n: string) => Array.from(must(report.feeds.find((f) => f.value.name === n), n).array.data);
  const grad = (n: string) => Array.from(must(report.grads.find((g) => g.name === n), n).reference.data);
  const final = (n: string) => must(report.final.find((g) => g.name === n), n);
  return { report, spmd, param, grad, final };
}

function assertClose(got: ArrayLike<number>, want: readonly number[], what: string): void {
  const scale = Math.max(...want.map(Math.abs));
  want.forEach((w, i) => assert.ok(Math.abs(got[i]! - w) <= 1e-5 * scale, `${what}[${i}]: ${got[i]} vs ${w}`));
}

function adamStep(p: readonly number[], g: readonly number[]): number[] {
  // t = 1: m_hat = g, v_hat = g^2
  return p.map((x, i) => {
    const m = (1 - ADAM.beta1) * g[i]! / (1 - ADAM.beta1);
    const v = (1 - ADAM.beta2) * g[i]! ** 2 / (1 - ADAM.beta2);
    return x - LR * m / (Math.sqrt(v) + ADAM.epsilon);
  });
}

test('adam: one step on the mesh and the reference equals the formula', async () => {
  const { param, grad, final } = await step('adam');
  for (const n of ['w', 'b']) {
    assertClose(final(n).reference.data, adamStep(param(n), grad(n)), `${n} reference`);
    assertClose(final(n).mesh.data, adamStep(param(n), grad(n)), `${n} mesh`);
  }
});

test('adafactor: factored moments for w [M, H], a full one for b; one step equals the formula', async () => {
  const { param, grad, final } = await step('adafactor');
  const clip = (u: number[]) => {
    const rms = Math.sqrt(u.reduce((s, x) => s + x * x, 0) / u.length);
    return u.map((x) => x / Math.max(1, rms / ADAFACTOR.clipThreshold));
  };
  // w: row r, column c at r * 6 + c; at t = 1 the moments are this step's g^2 + eps1
  const g = grad('w');
  const g2 = g.map((x) => x * x + ADAFACTOR.epsilon1);
  const vr = [0, 1, 2, 3].map((r) => g2.slice(r * 6, r * 6 + 6).reduce((s, x) => s + x, 0) / 6);
  const vc = [0, 1, 2, 3, 4, 5].map((c) => [0, 1, 2, 3].reduce((s, r) => s + g2[r * 6 + c]!, 0) / 4);
  const meanVr = vr.reduce((s, x) => s + x, 0) / 4;
  const uw = clip(g.map((x, i) => x / Math.sqrt(vr[Math.floor(i / 6)]! * vc[i % 6]! / meanVr)));
  const wantW = param('w').map((x, i) => x - LR * uw[i]!);
  const ub = clip(grad('b').map((x) => x / Math.sqrt(x * x + ADAFACTOR.epsilon1)));
  const wantB = param('b').map((x, i) => x - LR * ub[i]!);
  assertClose(final('w').reference.data, wantW, 'w reference');
  assertClose(final('w').mesh.data, wantW, 'w mesh');
  assertClose(final('b').reference.data, wantB, 'b reference');
  assertClose(final('b').mesh.data, wantB, 'b mesh');
});

test('ZeRO: the same step, the gradient all-reduces become reduce-scatters, the params are all-gathered', async () => {
  const plain = await step('adam');
  const zero = await step('adam', 'data');
  const kinds = (m: typeof plain.spmd) => m.ops.map((op) => op.kind).filter((k) => /all_|reduce_scatter/.test(k)).sort();
  // plain: the loss's mean and each of the two gradients are all-reduced over x
  assert.deepEqual(kinds(plain.spmd), ['all_reduce', 'all_reduce', 'all_reduce']);
  assert.deepEqual(kinds(zero.spmd), ['all_gather', 'all_gather', 'all_reduce', 'reduce_scatter', 'reduce_scatter']);
  for (const n of ['w', 'b']) {
    assertClose(zero.final(n).mesh.data, adamStep(zero.param(n), zero.grad(n)), `${n} mesh (ZeRO)`);
  }
  assert.ok(zero.report.equal);
});
