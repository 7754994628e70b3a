// Semantic tokens: names classified by what they denote (dim, axis, layer, value), keywords,
// literals and comments, decoded back from the LSP's relative encoding.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MLP, freshUri } from './fixtures.js';
import { withServer } from './server-harness.js';

interface Token { line: number; char: number; text: string; type: string; modifiers: string[] }

function decode(data: number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }, text: string): Token[] {
  const lines = text.split('\n');
  const out: Token[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
    const mods = legend.tokenModifiers.filter((_, k) => (data[i + 4]! >> k) & 1);
    out.push({ line, char, text: lines[line]!.slice(char, char + data[i + 2]!), type: legend.tokenTypes[data[i + 3]!]!, modifiers: mods });
  }
  return out;
}

test('tokens distinguish dims, axes, layers, values, ops, keywords and comments', () => withServer(async (c) => {
  const uri = freshUri('tokens');
  c.open(uri, MLP);
  await c.diagnosticsFor(uri, 1);
  const legend = { tokenTypes: ['namespace', 'enumMember', 'typeParameter', 'function', 'parameter', 'property', 'variable',
    'keyword', 'number', 'string', 'comment', 'type', 'operator', 'decorator', 'class'], tokenModifiers: ['declaration', 'defaultLibrary'] };
  const result = await c.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  const tokens = decode(result.data, legend, MLP);
  const kindOf = (text: string, line: number) => tokens.find((t) => t.text === text && t.line === line);
  const lineOf = (needle: string) => MLP.split('\n').findIndex((l) => l.includes(needle));
  assert.equal(kindOf('mesh', 0)?.type, 'keyword');
  assert.equal(kindOf('pod', 0)?.type, 'namespace');
  assert.deepEqual(kindOf('data', 0), { line: 0, char: 19, text: 'data', type: 'enumMember', modifiers: ['declaration'] });
  assert.equal(kindOf('H', lineOf('param wi'))?.type, 'typeParameter');
  assert.equal(kindOf('model', lineOf('param wi'))?.type, 'enumMember');
  assert.equal(kindOf('ffn', lineOf('layer ffn'))?.type, 'function');
  assert.equal(kindOf('wi', lineOf('relu'))?.type, 'property');
  assert.deepEqual(kindOf('einsum', lineOf('relu'))?.modifiers, ['defaultLibrary']);
  assert.equal(kindOf('"BSM,MH->BSH"', lineOf('relu'))?.type, 'string');
  assert.equal(kindOf('128', lineOf('dim H'))?.type, 'number');
  assert.equal(kindOf('f32', lineOf('param wi'))?.type, 'type');
  assert.equal(kindOf('// a feed-forward block with a residual', lineOf('// a feed'))?.type, 'comment');
}));
