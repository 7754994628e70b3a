// Training keeps each device's param and optimizer-state shards on the device between steps
// (exec/resident-mesh.ts): in this thread and in the mesh workers alike, with the same bits; a tensor
// whose tiles are padded goes through the host instead, and the run still equals the reference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainModel } from '../../src/exec/train-run.js';
import { WorkerPool } from '../../src/exec/worker-pool.js';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { adam } from '../../src/train/adam.js';
import { examplePath, readText } from '../helpers/repo.js';
import { compileTraining } from './helpers.js';

test('moe_decoder_lm, Adam, ZeRO state: every shard stays on its device; 2 workers give the same bits', async () => {
  const r = runPipeline(readText(examplePath('moe_decoder_lm.gshard')), {
    train: { optimizer: adam({ lr: 1e-3 }), statePlacement: 'data' }, dims: new Map([['B', 2], ['L', 8], ['S', 8]]),
  });
  assert.ok(r.sharded && r.spmd, `stopped after ${r.haltedAfter}`);
  const here = await trainModel(r.sharded, r.spmd, { steps: 2, seed: 1 });
  assert.deepEqual(here.viaHost, []);
  assert.ok(here.equal, `max rel error ${here.maxRelError}`);
  const pool = await WorkerPool.start(2);
  try {
    const there = await trainModel(r.sharded, r.spmd, { steps: 2, seed: 1, pool });
    assert.deepEqual(there.steps, here.steps);
    for (const [a, b] of [[there.final, here.final], [there.state, here.state], [there.grads, here.grads]] as const) {
      assert.equal(a.length, b.length);
      a.forEach((t, i) => assert.deepEqual(t.mesh.data, b[i]?.mesh.data, `${t.name} differs between workers and here`));
    }
  } finally {
    await pool.close();
  }
});

/** K = 6 split 4 ways: w's tiles are padded, so w is gathered and split again between steps. */
const UNEVEN = `
mesh tpu = tpu_v3 [x = 4]
dim B = 8
dim K = 6
dim N = 8
model uneven(a: f32[B, K]) -> (f32[], f32[B, N]) on tpu {
  param w: f32[K, N] @ [x, _]
  param v: f32[N] @ replicate
  y = einsum("BK,KN->BN", a, w) * v
  loss = reduce_mean(square(y), [B, N])
  return loss, y
}`;

test('a param with padded tiles goes through the host between steps; the run equals the reference', async () => {
  const { sharded, spmd } = compileTraining(UNEVEN, { lr: 0.05 });
  const r = await trainModel(sharded, spmd, { steps: 4, seed: 2 });
  assert.deepEqual(r.viaHost, ['w']);
  assert.ok(r.equal, `max rel error ${r.maxRelError}`);
  assert.ok(r.steps[3]!.referenceLoss < r.steps[0]!.referenceLoss, 'the loss falls');
});
