// Diagnostics while typing: codes, ranges, related locations, versions, and did-you-mean quick fixes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from './server-harness.js';
import { MOE, freshUri, positionOf } from './fixtures.js';

test('a valid file publishes no diagnostics, a typo publishes one with its code and range', () => withServer(async (c) => {
  const uri = freshUri();
  c.open(uri, MOE);
  assert.deepEqual((await c.diagnosticsFor(uri, 1)).diagnostics, []);
  const broken = MOE.replace('relu(einsum("EGCM,EMH->EGCH", expert_inputs, wi))', 'relu(einsum("EGCM,EMH->EGCH", expert_input, wi))');
  const v = c.change(uri, broken);
  const d = await c.diagnosticsFor(uri, v, (p) => p.diagnostics.length > 0);
  assert.equal(d.diagnostics.length, 1);
  const [diag] = d.diagnostics;
  assert.equal(diag!.code, 'name-unresolved');
  assert.equal(diag!.severity, 1);
  assert.deepEqual(diag!.range.start, positionOf(broken, 'expert_input,'));
  assert.match(diag!.message, /expert_input/);
}));

test('a did-you-mean becomes a quick fix that replaces the name', () => withServer(async (c) => {
  const uri = freshUri();
  const text = MOE.replace('relu(einsum', 'reluu(einsum');
  c.open(uri, text);
  const d = await c.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
  const diag = d.diagnostics.find((x) => x.code === 'name-unknown-op');
  assert.ok(diag, JSON.stringify(d.diagnostics));
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'quickfix');
  assert.match(actions[0].title, /relu/);
  assert.deepEqual(actions[0].edit.changes[uri], [{ range: diag.range, newText: 'relu' }]);
}));

test('a name defined twice points at the first definition as related information', () => withServer(async (c) => {
  const uri = freshUri();
  const text = MOE.replace('  h = relu', '  logits = relu');
  c.open(uri, text);
  const d = await c.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
  const diag = d.diagnostics.find((x) => x.code === 'name-redefined');
  assert.ok(diag, JSON.stringify(d.diagnostics));
  assert.equal(diag.relatedInformation?.[0]?.location.uri, uri);
  assert.deepEqual(diag.relatedInformation?.[0]?.location.range.start, positionOf(text, 'logits'));
}));

test('syntax errors come with syntax- codes, and fixing the text clears them', () => withServer(async (c) => {
  const uri = freshUri();
  c.open(uri, MOE.replace('einsum("GSM,ME->GSE", inputs, wg)', 'einsum("GSM,ME->GSE" inputs, wg)'));
  const d = await c.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
  assert.ok(d.diagnostics.some((x) => String(x.code).startsWith('syntax-')), JSON.stringify(d.diagnostics));
  const v = c.change(uri, MOE);
  assert.deepEqual((await c.diagnosticsFor(uri, v)).diagnostics, []);
}));

test('closing a document clears its diagnostics', () => withServer(async (c) => {
  const uri = freshUri();
  c.open(uri, 'dim G = 16 +');
  await c.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
  const cleared = c.diagnostics(uri, (p) => p.diagnostics.length === 0);
  c.notify('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await cleared).diagnostics, []);
}));
