// Completion by context (annotation forms, mesh axes, dims, dtypes, ops and names) and signature help.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MLP, cursors, freshUri } from './fixtures.js';
import { withServer } from './server-harness.js';
import type { LspClient } from './lsp-client.js';

/** Opens MLP with one extra line containing a `<|>` cursor inside the ffn layer; returns labels offered there. */
async function labelsAt(c: LspClient, line: string, before = '  return y\n}\n\nmodel'): Promise<string[]> {
  const marked = MLP.replace(before, `${line}\n${before}`);
  const { text, at } = cursors(marked);
  const uri = freshUri('complete');
  c.open(uri, text);
  await c.diagnosticsFor(uri, 1);
  const items: { label: string }[] | { items: { label: string }[] } = await c.request('textDocument/completion', c.at(uri, at[0]!));
  return (Array.isArray(items) ? items : items.items).map((i) => i.label);
}

test('after @ the annotation forms are offered; inside [ the mesh axes', () => withServer(async (c) => {
  const forms = await labelsAt(c, '  z = h @ <|>');
  assert.deepEqual(forms.sort(), ['[…]', 'replicate', 'shard', 'split']);
  const axes = await labelsAt(c, '  z = h @ [data, <|>');
  for (const a of ['data', 'model', '_', '?']) assert.ok(axes.includes(a), `missing ${a} in ${axes}`);
  assert.ok(!axes.includes('relu'));
}));

test('inside a type the dims are offered; after a colon the dtypes', () => withServer(async (c) => {
  const dims = await labelsAt(c, '  param w2: f32[M, <|>');
  assert.deepEqual(dims.sort(), ['B', 'H', 'M', 'S']);
  const dtypes = await labelsAt(c, '  param w2: <|>');
  assert.deepEqual(dtypes.sort(), ['bf16', 'bool', 'f32', 'i32']);
}));

test('in an expression: ops, layers, the values in scope and dims', () => withServer(async (c) => {
  const labels = await labelsAt(c, '  z = <|>', '  y = x +');
  for (const l of ['einsum', 'relu', 'top2_gating', 'x', 'wi', 'wo', 'h', 'B']) assert.ok(labels.includes(l), `missing ${l}`);
  // `y` is bound after the cursor's line (and `main`'s `y` is out of scope).
  assert.ok(!labels.includes('y'));
}));

test('no completion inside strings and comments', () => withServer(async (c) => {
  assert.deepEqual(await labelsAt(c, '  z = einsum("BS<|>'), []);
  assert.deepEqual(await labelsAt(c, '  // a note <|>'), []);
}));

test('signature help names the op and the active parameter, also in an unfinished call', () => withServer(async (c) => {
  const { text, at } = cursors(MLP.replace('  return y\n}\n\nmodel', '  z = softmax(h, <|>\n  return y\n}\n\nmodel'));
  const uri = freshUri('sig');
  c.open(uri, text);
  await c.diagnosticsFor(uri, 1);
  const help = await c.request('textDocument/signatureHelp', c.at(uri, at[0]!));
  assert.equal(help.signatures[0].label, 'softmax(x, dim)');
  assert.equal(help.activeParameter, 1);
  const layer = cursors(MLP.replace('repeat 2 ffn(x)', 'repeat 2 ffn(<|>x)'));
  const uri2 = freshUri('sig');
  c.open(uri2, layer.text);
  const h2 = await c.request('textDocument/signatureHelp', c.at(uri2, layer.at[0]!));
  assert.equal(h2.signatures[0].label, 'ffn(x: f32[B, S, M])');
  assert.equal(h2.activeParameter, 0);
}));
