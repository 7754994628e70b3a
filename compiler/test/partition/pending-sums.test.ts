// Partial sums added before their reduction (partition/pending-sums.ts): a sum of terms that are each
// partial over the same axes is reduced once, on the mesh it still equals the reference, and a term read
// elsewhere too is reduced where it arises. In training: the tied embedding's gradient takes one
// all-reduce (one reduce-scatter under ZeRO), not one per use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectivesOf } from '../../src/partition/partition.js';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { sgd } from '../../src/train/optimizer.js';
import { adam } from '../../src/train/adam.js';
import { trainCollectives } from '../../src/train/train-view.js';
import { compileSource, failureText, runSource } from '../exec/helpers.js';
import { examplePath, readText } from '../helpers/repo.js';

/** y = a.w1 + b.w2 - c.w3, each contraction over K, which is split on x: three partial sums. */
const SUMS = `
mesh tpu = tpu_v3 [x = 4]
dim B = 8
dim K = 16
dim N = 8
model sums(a: f32[B, K] @ [_, x], b: f32[B, K] @ [_, x], c: f32[B, K] @ [_, x]) -> f32[B, N] on tpu {
  param w1: f32[K, N] @ [x, _]
  param w2: f32[K, N] @ [x, _]
  param w3: f32[K, N] @ [x, _]
  y = einsum("BK,KN->BN", a, w1) + einsum("BK,KN->BN", b, w2) - einsum("BK,KN->BN", c, w3)
  return y
}`;

const kinds = (text: string) => collectivesOf(compileSource(text).local).map((op) => op.kind);

test('three partial sums added and subtracted: one all_reduce, not three; the mesh equals the reference', async () => {
  assert.deepEqual(kinds(SUMS), ['all_reduce']);
  const all = collectivesOf(compileSource(SUMS).local);
  assert.match(all[0]?.reason ?? '', /sub at .* adds 3 partial sums \(contracting dim K split on x\), reduced once/);
  const r = await runSource(SUMS);
  assert.ok(r.equal, failureText(r));
});

test('a term that is also read elsewhere is reduced where it arises (one reduction per reader, not fewer)',
  async () => {
    const shared = SUMS.replace('-> f32[B, N] on tpu', '-> (f32[B, N], f32[B, N]) on tpu')
      .replace('  y = einsum("BK,KN->BN", a, w1) +', '  z = einsum("BK,KN->BN", a, w1)\n  y = z +')
      .replace('  return y\n}', '  return y, relu(z)\n}');
    // z is read by the sum and by relu, so it is all-reduced; then z + (b.w2) adds a complete value, so the
    // second term is reduced alone, and so is the third: three, as without pending sums
    assert.deepEqual(kinds(shared), ['all_reduce', 'all_reduce', 'all_reduce']);
    const r = await runSource(shared);
    assert.ok(r.equal, failureText(r));
  });

test('a partial sum plus a complete value is not summed as partial sums (it would add the value once per device)',
  async () => {
    const mixed = SUMS.replace(' - einsum("BK,KN->BN", c, w3)', ' + relu(einsum("BK,KN->BN", c, w3))');
    // the first two terms are reduced together; relu needs its operand complete, so the third is reduced alone
    assert.deepEqual(kinds(mixed), ['all_reduce', 'all_reduce']);
    const r = await runSource(mixed);
    assert.ok(r.equal, failureText(r));
  });

/** The backward collectives that complete the gradient of `param` in the training step of the LM. */
function embeddingCollectives(statePlacement: 'param' | 'data') {
  const optimizer = statePlacement === 'data' ? adam({ lr: 1e-3 }) : sgd({ lr: 0.1 });
  const r = runPipeline(readText(examplePath('moe_decoder_lm.gshard')), { train: { optimizer, statePlacement } });
  assert.ok(r.spmd, `stopped after ${r.haltedAfter}`);
  const all = trainCollectives(r.spmd);
  return { all, embedding: all.filter((c) => c.phase === 'backward' && c.param === 'embedding') };
}

test('moe_decoder_lm training: the tied embedding gradient (gather + logits) is all-reduced once', () => {
  const { all, embedding } = embeddingCollectives('param');
  assert.deepEqual(embedding.map((c) => c.kind), ['all_reduce']);
  assert.match(embedding[0]?.why ?? '', /adds 2 partial sums/);
  // 25 before the two terms shared their reduction
  assert.equal(all.length, 24);
});

test('moe_decoder_lm training with ZeRO state: the tied embedding gradient is reduce-scattered once', () => {
  const { embedding } = embeddingCollectives('data');
  assert.deepEqual(embedding.map((c) => c.kind), ['reduce_scatter']);
});
