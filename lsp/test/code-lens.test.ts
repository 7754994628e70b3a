// Code lenses over each layer and model: FLOPs, communication and HBM per device.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Stage } from '@gshard/compiler';
import { MLP, freshUri, positionOf } from './fixtures.js';
import { withServer } from './server-harness.js';

const partitioned = analyze(MLP, Stage.Partitioned).spmd !== undefined;

test('each layer and the model get FLOPs, communication and HBM lenses on their name', () => withServer(async (c) => {
  const uri = freshUri('mlp');
  const text = MLP + '\nlayer unused(x: f32[B, S, M]) -> f32[B, S, M] {\n  return x\n}\n';
  c.open(uri, text);
  await c.settled(uri, 1);
  const lenses: { range: { start: { line: number; character: number } }; command: { title: string } }[] =
    await c.request('textDocument/codeLens', { textDocument: { uri } });
  const on = (needle: string) => lenses.filter((l) => JSON.stringify(l.range.start) === JSON.stringify(positionOf(text, needle, 0, needle.indexOf(' ') + 1))).map((l) => l.command.title);
  const ffn = on('layer ffn');
  assert.equal(ffn.length, 3, JSON.stringify(lenses));
  // Per instance two einsums of 2*B*S*M*H = 1.05 MFLOP each plus relu and add; two instances: 4.2 MFLOP.
  if (partitioned) assert.match(ffn[0]!, /FLOPs .*FLOP\/device \(×2 instances\)/);
  else assert.match(ffn[0]!, /^FLOPs 4\.2 MFLOP \(global, not partitioned yet\) \(×2 instances\)$/);
  // Megatron: the second einsum contracts H, split on model, so each instance all-reduces once.
  assert.match(ffn[1]!, partitioned ? /^communication (\S+ \S+ )?in 2 collectives, [\d.]+ KiB\/device$/ : /communication: not partitioned yet/);
  assert.match(ffn[2]!, /^HBM ≤ [\d.]+ KiB\/device$/);
  assert.equal(on('model main').length, 3);
  assert.deepEqual(on('layer unused'), ['cost: not used by the compiled model']);
}));

test('a file that does not compile says so instead of costing', () => withServer(async (c) => {
  const uri = freshUri('mlp');
  c.open(uri, MLP.replace('dim H = 128\n', ''));
  await c.settled(uri, 1);
  const lenses: { command: { title: string } }[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
  assert.ok(lenses.length >= 2);
  for (const l of lenses) assert.match(l.command.title, /cost: (the file does not compile yet|not used)/);
}));
