// Go to definition, references, rename and the outline (document symbols).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MLP, freshUri, positionOf } from './fixtures.js';
import { withServer } from './server-harness.js';

test('definition jumps from a use to the binding, the dim and the mesh axis', () => withServer(async (c) => {
  const uri = freshUri('nav');
  c.open(uri, MLP);
  await c.diagnosticsFor(uri, 1);
  const def = async (needle: string, n = 0, shift = 0) => (await c.request('textDocument/definition', c.at(uri, positionOf(MLP, needle, n, shift)))).range.start;
  assert.deepEqual(await def('h, wo'), positionOf(MLP, 'h = relu'));
  assert.deepEqual(await def('H]', 0), positionOf(MLP, 'H = 128'));
  assert.deepEqual(await def('model]'), positionOf(MLP, 'model = 4'));
  assert.deepEqual(await def('ffn(x)'), positionOf(MLP, 'ffn(x: f32'));
}));

test('references list every use, with or without the declaration', () => withServer(async (c) => {
  const uri = freshUri('nav');
  c.open(uri, MLP);
  await c.diagnosticsFor(uri, 1);
  const at = c.at(uri, positionOf(MLP, 'wi:'));
  const withDecl = await c.request('textDocument/references', { ...at, context: { includeDeclaration: true } });
  assert.deepEqual(withDecl.map((l: { range: { start: unknown } }) => l.range.start), [positionOf(MLP, 'wi:'), positionOf(MLP, 'wi))')]);
  const uses = await c.request('textDocument/references', { ...at, context: { includeDeclaration: false } });
  assert.equal(uses.length, 1);
  const axis = await c.request('textDocument/references', { ...c.at(uri, positionOf(MLP, 'data =')), context: { includeDeclaration: false } });
  assert.equal(axis.length, 2); // both `@ [data, _, _]` annotations
}));

test('rename edits the definition and every use, and refuses keywords', () => withServer(async (c) => {
  const uri = freshUri('nav');
  c.open(uri, MLP);
  await c.diagnosticsFor(uri, 1);
  const prep = await c.request('textDocument/prepareRename', c.at(uri, positionOf(MLP, 'h, wo')));
  assert.equal(prep.placeholder, 'h');
  const edit = await c.request('textDocument/rename', { ...c.at(uri, positionOf(MLP, 'h, wo')), newName: 'hidden' });
  const edits: { range: { start: { line: number; character: number } }; newText: string }[] = edit.changes[uri];
  assert.deepEqual(edits.map((e) => e.range.start), [positionOf(MLP, 'h = relu'), positionOf(MLP, 'h, wo')]);
  assert.ok(edits.every((e) => e.newText === 'hidden'));
  const dimEdit = await c.request('textDocument/rename', { ...c.at(uri, positionOf(MLP, 'H = 128')), newName: 'F' });
  assert.equal(dimEdit.changes[uri].length, 3); // the declaration and two types
  await assert.rejects(c.request('textDocument/rename', { ...c.at(uri, positionOf(MLP, 'h, wo')), newName: 'layer' }), /not a valid name/);
}));

test('the outline has meshes with axes, dims, layers and models with their values', () => withServer(async (c) => {
  const uri = freshUri('nav');
  c.open(uri, MLP);
  await c.diagnosticsFor(uri, 1);
  const symbols: { name: string; detail?: string; children?: { name: string; detail?: string }[] }[] =
    await c.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['pod', 'B', 'S', 'M', 'H', 'ffn', 'main']);
  assert.deepEqual(symbols[0]!.children!.map((a) => a.name), ['data', 'model']);
  assert.deepEqual(symbols[5]!.children!.map((a) => a.name), ['x', 'wi', 'wo', 'h', 'y']);
  assert.equal(symbols[5]!.children![1]!.detail, 'param f32[M, H]');
}));
