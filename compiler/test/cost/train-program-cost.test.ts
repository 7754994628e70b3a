// `cost --train --optimizer X`: the real training program's memory and collectives; ZeRO's difference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { OPTIMIZERS } from '../../src/train/optimizer.js';
import { trainProgramCost } from '../../src/cost/train-program-cost.js';
import type { StatePlacement } from '../../src/train/state-sharding.js';
import { must } from '../../src/util/checked.js';
import { examplePath, readText } from '../helpers/repo.js';

const LM = readText(examplePath('moe_decoder_lm.gshard'));
function cost(name: string, placement: StatePlacement) {
  const r = runPipeline(LM, { train: { optimizer: must(OPTIMIZERS[name], name)({ lr: 0.01 }), statePlacement: placement } });
  return trainProgramCost(must(r.spmd, 'partitioned'));
}
const count = (c: ReturnType<typeof cost>, phase: string, kind: string) =>
  c.collectives.find((g) => g.phase === phase && g.kind === kind)?.count ?? 0;

test('adam keeps two moments per param; ZeRO splits the replicated ones 8 ways and lowers the peak', () => {
  const plain = cost('adam', 'param');
  const zero = cost('adam', 'data');
  assert.equal(plain.optimizerStateBytes, 2 * plain.paramBytes + 4, 'm and v like every param, plus the f32 step');
  assert.ok(zero.optimizerStateBytes < plain.optimizerStateBytes / 3, `${zero.optimizerStateBytes} vs ${plain.optimizerStateBytes}`);
  assert.ok(zero.peakBytes < plain.peakBytes, `${zero.peakBytes} vs ${plain.peakBytes}`);
});

test('the weight gradients are all-reduced, or reduce-scattered and all-gathered under ZeRO', () => {
  const plain = cost('adam', 'param');
  const zero = cost('adam', 'data');
  // 20 params: the experts' wi and wo are split on x already, the other 18 are replicated, each reduced once
  // (the tied embedding's two terms are added while partial sums)
  assert.equal(count(plain, 'backward', 'all_reduce'), 18);
  assert.equal(count(plain, 'backward', 'reduce_scatter'), 0);
  assert.equal(count(zero, 'backward', 'all_reduce'), 0);
  // positions' gradient takes an all-to-all under ZeRO, not a reduce-scatter
  assert.equal(count(zero, 'backward', 'reduce_scatter'), 17);
  assert.equal(count(zero, 'update', 'all_gather'), 18);
});

test('adafactor keeps factored state: less than a tenth of what adam keeps for this model', () => {
  assert.ok(cost('adafactor', 'param').optimizerStateBytes * 10 < cost('adam', 'param').optimizerStateBytes);
});
