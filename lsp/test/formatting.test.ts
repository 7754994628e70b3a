// Formatting with the canonical printer (never on a file with syntax errors) and folding ranges.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { print, parse } from '@gshard/grammar';
import { MLP, freshUri } from './fixtures.js';
import { withServer } from './server-harness.js';

const MESSY = MLP.replace('dim B = 8', 'dim   B=8').replace('  h = relu(einsum("BSM,MH->BSH", x, wi))', '      h=relu( einsum("BSM,MH->BSH",x,wi) )');

test('formatting replaces the file by its canonical print, and is idempotent', () => withServer(async (c) => {
  const uri = freshUri('fmt');
  c.open(uri, MESSY);
  const edits: { range: unknown; newText: string }[] = await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.equal(edits.length, 1);
  const formatted = edits[0]!.newText;
  assert.equal(formatted, print(parse(MESSY).program));
  assert.match(formatted, /^dim B = 8$/m);
  assert.match(formatted, /^ {2}h = relu\(einsum\("BSM,MH->BSH", x, wi\)\)$/m);
  const uri2 = freshUri('fmt');
  c.open(uri2, formatted);
  assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri: uri2 }, options: { tabSize: 2, insertSpaces: true } }), []);
}));

test('a file with syntax errors is not formatted', () => withServer(async (c) => {
  const uri = freshUri('fmt');
  c.open(uri, MESSY.replace('wi) )', 'wi) ) )'));
  assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
}));

test('layer and model bodies fold', () => withServer(async (c) => {
  const uri = freshUri('fold');
  c.open(uri, MLP);
  const ranges: { startLine: number; endLine: number }[] = await c.request('textDocument/foldingRange', { textDocument: { uri } });
  const lines = MLP.split('\n');
  const layer = lines.findIndex((l) => l.startsWith('layer ffn'));
  const model = lines.findIndex((l) => l.startsWith('model main'));
  assert.ok(ranges.some((r) => r.startLine === layer && lines[r.endLine] === '}'), JSON.stringify(ranges));
  assert.ok(ranges.some((r) => r.startLine === model && lines[r.endLine] === '}'));
}));
