// Rematerialisation in the real training program: `remat` layers are recomputed before their backward
// (train/rematerialize.ts). The gradients equal the program without remat, the peak of live bytes falls
// and the FLOPs rise by exactly the recomputed ops' FLOPs; misplaced `remat` gets a diagnostic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { trainModel } from '../../src/exec/train-run.js';
import { maxRelDiff } from '../../src/runtime/index.js';
import { opWork } from '../../src/cost/flops.js';
import { trainProgramCost } from '../../src/cost/train-program-cost.js';
import { trainCollectives } from '../../src/train/train-view.js';
import { examplePath, readText } from '../helpers/repo.js';
import { compileTraining, llamaWithLoss } from './helpers.js';

const DROPOUT = readText(new URL('fixtures/remat_dropout.gshard', import.meta.url).pathname
  .replace('/dist/test/', '/test/'));

test('lowering marks the ops of remat layers, calls and repeats with their outermost region', () => {
  const m = frontend(DROPOUT).module;
  assert.ok(m);
  const regions = new Set(m.ops.map((op) => op.remat));
  // `block` is a remat layer (both calls), `head` a remat call; nothing outside them is marked
  assert.deepEqual([...regions].sort(), ['block y', 'block z', 'head result'], 'the model body only calls layers');
  assert.ok(m.ops.filter((op) => op.layer === 'block y').every((op) => op.remat === 'block y'));
  const llama = frontend(llamaWithLoss().replace('y = repeat 2 block(x)', 'y = remat repeat 2 block(x)')).module;
  assert.ok(llama);
  assert.deepEqual([...new Set(llama.ops.map((op) => op.remat))], ['block y.0', 'block y.1', undefined]);
});

test('nested remat: the outermost marked instance is the region', () => {
  const src = [
    'mesh tpu = [x = 2]', 'dim B = 2', 'dim M = 4', 'dim N = M',
    'remat layer f(x: f32[B, M]) -> f32[B, M] {', '  param w: f32[M, N]',
    '  return rename(relu(einsum("BM,MN->BN", x, w)), N, M)', '}',
    'layer g(x: f32[B, M]) -> f32[B, M] {', '  return remat f(x)', '}',
    'model m(x: f32[B, M]) -> f32[B, M] {', '  y = remat repeat 2 g(x)', '  return g(y) + relu(y)', '}',
  ].join('\n');
  const m = frontend(src).module;
  assert.ok(m);
  assert.deepEqual([...new Set(m.ops.map((op) => `${op.layer ?? '-'}: ${op.remat ?? '-'}`))], [
    'f y.0.result: g y.0', 'f y.1.result: g y.1', 'f result.0.result: f result.0.result', '-: -',
  ]);
});

test('remat on a model or on a builtin call: a diagnostic at the keyword', () => {
  const src = [
    'mesh m = [x = 2]', 'dim B = 2',
    'layer f(x: f32[B]) -> f32[B] {', '  return remat relu(x)', '}',
    'remat model main(x: f32[B]) -> f32[B] {', '  return f(x)', '}',
  ].join('\n');
  const d = frontend(src).diagnostics
    .map((x) => `${x.code}@${x.span.start.line}:${x.span.start.col}-${x.span.end.col}`);
  assert.deepEqual(d.sort(), ['train-remat-builtin@4:10-15', 'train-remat-model@6:1-6']);
});

test('dropout in remat layers: the recomputed dropout drops the same elements; gradients equal no remat', async () => {
  const withRemat = compileTraining(DROPOUT);
  const without = compileTraining(DROPOUT, { remat: 'none' });
  const recomputed = withRemat.sharded.ops.filter((op) => op.phase === 'recompute');
  assert.deepEqual(recomputed.filter((op) => op.kind === 'dropout').map((op) => op.results[0]?.name),
    ['z.h.remat', 'y.h.remat'], 'each block recomputes its dropout, the later block first');
  assert.equal(without.sharded.ops.filter((op) => op.phase === 'recompute').length, 0);
  // the backward of a remat layer reads no value its forward made inside it (only the copies)
  const internal = new Set(withRemat.sharded.ops.filter((op) => !op.phase && op.remat === 'block y')
    .flatMap((op) => op.results).filter((v) => v.name.startsWith('y.h')).map((v) => v.id));
  const readers = withRemat.sharded.ops.filter((op) => op.phase === 'backward' && op.operands.some((v) =>
    internal.has(v.id)));
  assert.deepEqual(readers.map((op) => op.kind), []);
  const a = await trainModel(withRemat.sharded, withRemat.spmd, { steps: 2, seed: 7 });
  const b = await trainModel(without.sharded, without.spmd, { steps: 2, seed: 7 });
  assert.ok(a.equal && b.equal, 'each program: mesh equal to its reference');
  assert.deepEqual(a.steps, b.steps, 'the same losses, mesh and reference');
  assert.equal(a.grads.length, 5);
  a.grads.forEach((g, i) => {
    const h = b.grads[i];
    assert.ok(h && h.name === g.name);
    assert.ok(g.reference.data.some((x) => x !== 0), `${g.name} has a gradient`);
    assert.ok(maxRelDiff(g.reference, h.reference) <= 1e-6, `${g.name}: reference gradients differ`);
    assert.ok(maxRelDiff(g.mesh, h.mesh) <= 1e-6, `${g.name}: mesh gradients differ`);
  });
});

test('Megatron block, remat repeat: same gradients, recomputed all-reduces explained as remat', async () => {
  const src = llamaWithLoss().replace('y = repeat 2 block(x)', 'y = remat repeat 2 block(x)');
  const withRemat = compileTraining(src);
  const without = compileTraining(llamaWithLoss());
  const a = await trainModel(withRemat.sharded, withRemat.spmd, { steps: 1, seed: 5 });
  const b = await trainModel(without.sharded, without.spmd, { steps: 1, seed: 5 });
  assert.ok(a.equal);
  a.grads.forEach((g, i) => {
    const h = b.grads[i];
    assert.ok(h && maxRelDiff(g.mesh, h.mesh) <= 1e-6, `${g.name}`);
  });
  const recomputed = trainCollectives(withRemat.spmd).filter((c) => c.phase === 'recompute');
  // the attention output's all-reduce over model feeds the FFN's norm, whose backward needs it again
  assert.deepEqual(recomputed.map((c) => [c.kind, c.axes.join(','), c.instance]),
    [['all_reduce', 'model', 'block[1]'], ['all_reduce', 'model', 'block[0]']]);
  assert.ok(recomputed.every((c) => c.why.startsWith('recomputed (remat): a forward op of `block[')));
  // the forward collectives are the same as without remat
  const forward = (m: typeof withRemat.spmd) => trainCollectives(m).filter((c) => c.phase === 'forward').length;
  assert.equal(forward(withRemat.spmd), forward(without.spmd));
});

test('moe_decoder_lm, every layer remat: peak live bytes fall, FLOPs rise by the recomputed ops exactly', () => {
  const src = readText(examplePath('moe_decoder_lm.gshard'));
  // B = 64: activations, not the params and gradients at the step's end, set the peak
  const remat = compileTraining(src, { dims: { B: 64 }, remat: 'all' });
  const plain = compileTraining(src, { dims: { B: 64 } });
  const [withRemat, without] = [remat.spmd, plain.spmd];
  const a = trainProgramCost(withRemat);
  const b = trainProgramCost(without);
  const recomputed = withRemat.ops.filter((op) => op.phase === 'recompute');
  assert.ok(recomputed.length > 0);
  const extra = recomputed.reduce((s, op) => s + opWork(op).flops, 0);
  assert.ok(extra > 0);
  assert.equal(a.flopsPerDevice - b.flopsPerDevice, extra);
  assert.ok(a.peakBytes < 0.7 * b.peakBytes, `peak ${a.peakBytes} with remat, ${b.peakBytes} without`);
  // the same global program otherwise: every op not recomputed is there in both
  const again = remat.sharded.ops.filter((op) => op.phase === 'recompute').length;
  assert.equal(remat.sharded.ops.length - again, plain.sharded.ops.length);
  assert.equal(a.paramBytes, b.paramBytes);
});
