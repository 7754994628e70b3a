// The training step partitioned as one SPMD program: on the simulated mesh its gradients and updated
// params equal the reference's (examples/moe_decoder_lm.gshard, the Megatron block with a loss), and
// the small LM's loss falls over 20 steps, identically on the mesh and on one device.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainModel } from '../../src/exec/train-run.js';
import { examplePath, readText } from '../helpers/repo.js';
import { compileTraining, llamaWithLoss } from './helpers.js';

test('moe_decoder_lm: the mesh gradients equal the reference gradients (8 devices, data + expert parallel)', async () => {
  const { sharded, spmd } = compileTraining(readText(examplePath('moe_decoder_lm.gshard')));
  const r = await trainModel(sharded, spmd, { steps: 1, seed: 3 });
  assert.equal(r.grads.length, 20, 'one gradient per param');
  for (const g of r.grads) {
    assert.ok(g.ok, `${g.name}: rel error ${g.maxRelError} over ${g.tolerance}`);
    assert.ok(g.reference.data.some((x) => x !== 0), `${g.name} has a gradient`);
  }
  assert.ok(r.equal);
  assert.equal(r.steps[0]!.loss, r.steps[0]!.referenceLoss);
});

test('llama_block (Megatron, 2-D mesh) with loss = mean(y^2): mesh gradients equal the reference', async () => {
  const { sharded, spmd } = compileTraining(llamaWithLoss());
  const r = await trainModel(sharded, spmd, { steps: 1, seed: 5 });
  assert.equal(r.grads.length, 18, '9 weights in each of the 2 repeated blocks');
  for (const g of r.grads) assert.ok(g.ok, `${g.name}: rel error ${g.maxRelError} over ${g.tolerance}`);
  assert.ok(r.equal);
});

test('the small LM: loss falls over 20 steps with seed 0, the same on the mesh and on one device', async () => {
  const { sharded, spmd } = compileTraining(readText(examplePath('moe_decoder_lm.gshard')), { dims: { B: 2, L: 8, S: 8 } });
  const r = await trainModel(sharded, spmd, { steps: 20, seed: 0 });
  const losses = r.steps.map((s) => s.referenceLoss);
  assert.equal(losses.length, 20);
  assert.ok(losses[19]! < losses[0]! - 0.1, `loss ${losses[0]} -> ${losses[19]}`);
  // steadily: no step raises it at this learning rate
  losses.slice(1).forEach((l, i) => assert.ok(l < losses[i]!, `step ${i + 2}: ${l} after ${losses[i]}`));
  r.steps.forEach((s, i) => assert.ok(Math.abs(s.loss - s.referenceLoss) <= 1e-4 * Math.abs(s.referenceLoss),
    `step ${i + 1}: mesh ${s.loss}, reference ${s.referenceLoss}`));
  assert.ok(r.equal, `params after 20 steps: max rel error ${r.maxRelError}`);
});
