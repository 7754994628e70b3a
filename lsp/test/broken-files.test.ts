// Files with errors: hover and hints keep working in the valid parts, and no text takes the server down.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Stage } from '@gshard/compiler';
import { example } from './examples.js';
import { freshUri, positionOf } from './fixtures.js';
import { withServer, wholeFile } from './server-harness.js';

const MOE = example('moe_layer.gshard');
const sharded = analyze(MOE, Stage.Propagated).sharded !== undefined;
// A syntax error in one statement and an unknown name in another; the rest of the model is valid.
const BROKEN = MOE
  .replace('  expert_outputs = einsum("EGCH,EHM->GECM", h, wo)', '  expert_outputs = einsum("EGCH,EHM->GECM" h, wo))')
  .replace('  return outputs, aux', '  junk = nonsense(h)\n  return outputs, aux');

test('on a broken file, hover on a valid binding still shows its type (and sharding)', () => withServer(async (c) => {
  const uri = freshUri('broken');
  c.open(uri, BROKEN);
  const d = await c.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
  assert.ok(d.diagnostics.some((x) => String(x.code).startsWith('syntax-')));
  assert.ok(d.diagnostics.some((x) => x.code === 'name-unknown-op'));
  await c.settled(uri, 1);
  const h = await c.request('textDocument/hover', c.at(uri, positionOf(BROKEN, 'h = relu')));
  assert.ok(h, 'hover on h');
  assert.match(h.contents.value, sharded ? /f32\[E@x, G, C, H\]/ : /f32\[E, G, C, H\]/);
  const hints: { label: string; position: { line: number } }[] = await c.request('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile });
  const hLine = positionOf(BROKEN, 'h = relu').line;
  assert.ok(hints.some((x) => x.position.line === hLine), 'hint on h');
  assert.ok(!hints.some((x) => x.position.line === positionOf(BROKEN, 'junk').line), 'no hint on the broken binding');
}));

test('hover on a param of a file that cannot compile falls back to its declared type', () => withServer(async (c) => {
  const uri = freshUri('broken');
  const text = MOE.replace(/model moe_layer[^\n]*\n/, (m) => m.replace('model', 'layer')); // no model at all
  c.open(uri, text);
  await c.settled(uri, 1);
  const h = await c.request('textDocument/hover', c.at(uri, positionOf(text, 'wi:')));
  assert.match(h.contents.value, /f32\[E, M, H\]/);
}));

test('garbage, deep nesting and huge numbers never take the server down', () => withServer(async (c) => {
  const uri = freshUri('garbage');
  const texts = [
    '\u0000\u0001\uffff{{{{[[[(((',
    'model m(x: f32[G]) { y = ' + '('.repeat(5000) + 'x' + ')'.repeat(5000) + '\n return y }',
    'dim G = 99999999999999999999999\nmesh m = tpu_v3 [x = 0]\nmodel q(x: f32[G] @ [x, x, x]) { return x }',
    MOE.slice(0, MOE.length / 2),
    '@@@ -> -> ) } layer layer model',
  ];
  c.open(uri, '');
  for (const t of texts) {
    const v = c.change(uri, t);
    await c.diagnosticsFor(uri, v);
    for (const req of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/signatureHelp']) {
      await c.request(req, c.at(uri, { line: 0, character: 3 }));
    }
    await c.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    await c.request('textDocument/codeLens', { textDocument: { uri } });
    await c.request('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile });
    await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    await c.settled(uri, v);
  }
  assert.ok(c.alive, c.stderr);
  assert.deepEqual(c.failures, []);
}));
