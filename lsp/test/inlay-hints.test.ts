// Inlay hints: the inferred sharded type after each binding, the inferred sharding after
// unannotated params, and the setting that turns them off.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Stage } from '@gshard/compiler';
import { example } from './examples.js';
import { freshUri, positionOf } from './fixtures.js';
import { withServer, wholeFile } from './server-harness.js';

const MOE = example('moe_layer.gshard');
const sharded = analyze(MOE, Stage.Propagated).sharded !== undefined;

test('every binding gets a hint with its type, sharded once propagation ran', () => withServer(async (c) => {
  const uri = freshUri('moe');
  c.open(uri, MOE);
  await c.settled(uri, 1);
  const hints: { position: { line: number; character: number }; label: string; textEdits?: unknown[] }[] =
    await c.request('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile });
  // The hint sits right after the bound name (the needle's first word).
  const at = (needle: string) => hints.find((h) => JSON.stringify(h.position) === JSON.stringify(positionOf(MOE, needle, 0, /^\w+/.exec(needle)![0].length)));
  for (const b of ['logits =', 'combine,', 'h =', 'outputs =']) assert.ok(at(b), `no hint after ${b}: ${JSON.stringify(hints)}`);
  if (sharded) {
    assert.equal(at('h =')!.label, ': f32[E@x, G, C, H]');
    assert.equal(at('logits =')!.label, ': f32[G@x, S, E]');
    // wi has no annotation: the hint shows the inferred one and can write it into the source.
    const wi = hints.find((h) => h.label.startsWith(' @ ') && h.position.line === positionOf(MOE, 'param wi').line);
    assert.ok(wi, 'hint after the unannotated param wi');
    assert.match(wi.label, /^ @ \[x/);
    assert.equal(wi.textEdits?.length, 1);
  } else {
    assert.equal(at('h =')!.label, ': f32[E, G, C, H]');
  }
}));

test('hints respect the requested range', () => withServer(async (c) => {
  const uri = freshUri('moe');
  c.open(uri, MOE);
  await c.diagnosticsFor(uri, 1);
  const line = positionOf(MOE, 'h = relu').line;
  const hints: { position: { line: number } }[] = await c.request('textDocument/inlayHint',
    { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 80 } } });
  assert.equal(hints.length, 1);
  assert.equal(hints[0]!.position.line, line);
}));

test('the inlayHints setting turns hints off, at start-up and through configuration', async () => {
  await withServer(async (c) => {
    const uri = freshUri('moe');
    c.open(uri, MOE);
    await c.diagnosticsFor(uri, 1);
    assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile }), []);
  }, { inlayHints: false, debounceMs: 5, idleMs: 20 });
  await withServer(async (c) => {
    const uri = freshUri('moe');
    c.open(uri, MOE);
    await c.diagnosticsFor(uri, 1);
    assert.ok((await c.request('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile })).length > 0);
    c.notify('workspace/didChangeConfiguration', { settings: { gshard: { inlayHints: { enabled: false } } } });
    assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile }), []);
  });
});
