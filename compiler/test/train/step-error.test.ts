// The bar a param after an optimizer step is held to: the gradient's tolerance carried through the
// update (Optimizer.stepError, exec/step-bound.ts). Adam's first step near |g| ~ eps is ill-conditioned.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeArray, maxRelDiff, type NDArray } from '../../src/runtime/index.js';
import { withinBound } from '../../src/exec/step-bound.js';
import { trainModel } from '../../src/exec/train-run.js';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { adam, ADAM } from '../../src/train/adam.js';
import { sgd } from '../../src/train/optimizer.js';
import { llamaWithLoss } from './helpers.js';

const N = 64;
const LR = 0.01;
/** The gradient comparison's bar (the f32 floor): the mesh's gradient may be off by this of its scale. */
const GRAD_TOL = 1e-5;
const BASE_TOL = 1e-5;

const arr = (xs: readonly number[]): NDArray => makeArray('f32', ['N'], [xs.length], Float32Array.from(xs));
const params = Array.from({ length: N }, (_, i) => Math.sin(i + 1));
// well-conditioned gradients of scale 1e-2, except two near Adam's eps
const grads = Array.from({ length: N }, (_, i) => (i === 0 ? 1e-8 : i === 1 ? -3e-8 : 1e-2 * Math.cos(3 * i + 1)));
const scale = Math.max(...grads.map(Math.abs));
/** The mesh's gradient: rounding noise of 1e-7 of the scale, inside the gradient's bar. */
const noisy = grads.map((g, i) => g + (i % 2 ? 1 : -1) * 1e-7 * scale);

/** Adam's first step (m = v = 0, t = 1): p - lr m_hat / (sqrt(v_hat) + eps), m_hat = g, v_hat = g^2. */
const adamFirst = (g: readonly number[], lr = LR) => params.map((p, i) => {
  const gi = g[i] ?? 0;
  return p - (lr * gi) / (Math.abs(gi) + ADAM.epsilon);
});

function adamBound(): Float64Array {
  const zeros = new Float64Array(N);
  return adam({ lr: LR }).stepError({
    shape: [N], grad: grads, gradError: GRAD_TOL * scale, stateBefore: [zeros, zeros],
    stateAfter: [], shared: [1],
  });
}

test('adam: a first step with |g| near eps and noisy g is EQUAL by the propagated bound, not by the old one', () => {
  const reference = arr(adamFirst(grads));
  const mesh = arr(adamFirst(noisy));
  // the old bar alone: the two ill-conditioned elements moved by ~lr * 0.03, far past 1e-5 of the scale
  assert.ok(maxRelDiff(mesh, reference) > 10 * BASE_TOL, `rel ${maxRelDiff(mesh, reference)}`);
  assert.equal(withinBound(mesh, reference, BASE_TOL, new Float64Array(N)).ok, false);
  const w = withinBound(mesh, reference, BASE_TOL, adamBound());
  assert.ok(w.ok);
  assert.equal(w.amplified, 2, 'only the two elements near eps needed the amplified bound');
  assert.equal(w.elements, N);
});

test('adam: the bound is eps / (|g| + eps)^2 per unit of gradient error where g is well conditioned', () => {
  const bound = adamBound();
  const e = GRAD_TOL * scale;
  const g = Math.abs(grads[5] ?? 0);
  const exact = (LR * e * ADAM.epsilon) / (g + ADAM.epsilon) ** 2;
  const got = bound[5] ?? 0;
  // the interval bound over |g' - g| <= e is a little above the derivative at g
  assert.ok(got >= exact && got <= 1.01 * exact, `${got} vs ${exact}`);
  // near eps: never more than the step's whole range, 2 lr
  assert.ok((bound[0] ?? 0) <= 2 * LR + 1e-12 && (bound[0] ?? 0) > LR);
});

test('adam: a genuinely wrong update is still DIFFERENT', () => {
  const reference = arr(adamFirst(grads));
  // the mesh ran with lr doubled
  assert.equal(withinBound(arr(adamFirst(noisy, 2 * LR)), reference, BASE_TOL, adamBound()).ok, false);
  // one well-conditioned element off by 1e-2
  const off = adamFirst(noisy);
  off[7] = (off[7] ?? 0) + 1e-2;
  assert.equal(withinBound(arr(off), reference, BASE_TOL, adamBound()).ok, false);
});

test('sgd: the step error is lr times the gradient error', () => {
  const bound = sgd({ lr: 0.1 }).stepError({
    shape: [N], grad: grads, gradError: 2e-7, stateBefore: [], stateAfter: [], shared: [],
  });
  assert.ok(bound.every((b) => Math.abs(b - 2e-8) < 1e-20));
});

test('train --optimizer adam on the Megatron block: EQUAL, naming the elements judged by the propagated bound',
  async () => {
    const r = runPipeline(llamaWithLoss(), { train: { optimizer: adam({ lr: LR }) } });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    assert.ok(r.sharded && r.spmd);
    const report = await trainModel(r.sharded, r.spmd, { steps: 1, seed: 0 });
    const final = report.final.filter((t) => t.propagated);
    // some params are over their run tolerance alone (Adam's step near |g| ~ eps) ...
    assert.ok(final.some((t) => t.maxRelError > t.tolerance), 'the case the propagated bound is for occurs');
    // ... and within the propagated bound; everything else is unchanged
    assert.ok(report.equal);
    assert.ok(final.every((t) => t.ok && (t.propagated?.elements ?? 0) > 0));
    assert.ok(report.grads.every((t) => t.ok && t.maxRelError <= t.tolerance));
  });
