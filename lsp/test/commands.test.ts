// The editor commands' requests over stdio: the SPMD program, the cost page, the tiles at the cursor,
// and the messages when the file has errors or the cursor is not on a tensor.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.js';
import { freshUri, positionOf } from './fixtures.js';
import { example } from './examples.js';

const MOE = example('moe_layer.gshard');

async function withMoe(fn: (c: LspClient, uri: string) => Promise<void>): Promise<void> {
  const c = new LspClient();
  await c.initialize();
  try {
    const uri = freshUri('moe_layer');
    c.open(uri, MOE);
    await fn(c, uri);
  } finally {
    await c.stop();
  }
}

test('gshard/partitionedProgram returns the SPMD program with the MoE layer\'s two all-to-alls', async () => {
  await withMoe(async (c, uri) => {
    const r = await c.request('gshard/partitionedProgram', { uri });
    assert.equal(r.ok, true, r.message);
    assert.match(r.title, /moe_layer-\d+\.gshard \(SPMD\)/);
    assert.match(r.text, /^module @moe_layer on @tpu/);
    assert.match(r.text, /view local/, 'the per-device program');
    assert.equal((r.text.match(/all_to_all/g) ?? []).length, 2, r.text);
  });
});

test('gshard/costReport returns the HTML cost page for the current text', async () => {
  await withMoe(async (c, uri) => {
    const r = await c.request('gshard/costReport', { uri });
    assert.equal(r.ok, true, r.message);
    assert.match(r.text, /^<!doctype html>/i);
    assert.match(r.text, /all_to_all|all-to-all|AllToAll/i);
  });
});

test('gshard/tensorSharding draws the tiles of the tensor under the cursor', async () => {
  await withMoe(async (c, uri) => {
    const r = await c.request('gshard/tensorSharding', { uri, position: positionOf(MOE, 'h = relu') });
    assert.equal(r.ok, true, r.message);
    assert.match(r.text, /f32\[E@x, G, C, H\]/);
    assert.match(r.text, /per device: f32\[1, 16, 4, 64\], 16.0 KiB on each of 16 devices/);
    assert.match(r.text, /inferred: annotation on expert_inputs/);
    assert.match(r.text, /┌/);
    const off = await c.request('gshard/tensorSharding', { uri, position: positionOf(MOE, 'einsum("GSM', 0, 2) });
    assert.equal(off.ok, false);
    assert.match(off.message, /Put the cursor on a tensor/);
  });
});

test('the commands explain why there is nothing to show when the file has an error, and follow edits', async () => {
  await withMoe(async (c, uri) => {
    const broken = MOE.replace('einsum("GSM,ME->GSE", inputs, wg)', 'einsum("GSM,ME->GSE", inputs, wq)');
    c.change(uri, broken);
    const r = await c.request('gshard/partitionedProgram', { uri });
    assert.equal(r.ok, false);
    assert.match(r.message, /The file has errors, so it cannot be partitioned: line 20: .*wq/);
    const cost = await c.request('gshard/costReport', { uri });
    assert.equal(cost.ok, false);
    assert.match(cost.message, /wq/);
    c.change(uri, MOE);
    assert.equal((await c.request('gshard/partitionedProgram', { uri })).ok, true);
  });
});

test('a request on a document the server does not have says so', async () => {
  const c = new LspClient();
  await c.initialize();
  try {
    const r = await c.request('gshard/partitionedProgram', { uri: 'file:///nowhere/x.gshard' });
    assert.deepEqual(r, { ok: false, message: 'x.gshard is not open in the language server.' });
  } finally {
    await c.stop();
  }
});
