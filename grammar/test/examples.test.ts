// Every examples/*.gshard parses clean; every examples/errors/syntax-*.gshard produces exactly the
// diagnostics its `// expect: <code> @ <line>:<col>` comments declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from '../src/parse.js';
import { examplesDir } from './helpers.js';

test('valid examples parse without diagnostics', () => {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.gshard'));
  for (const name of ['moe_layer', 'moe_transformer', 'gshard_600b', 'dense_transformer', 'data_parallel_mlp']) {
    assert.ok(files.includes(`${name}.gshard`), `missing example ${name}.gshard`);
  }
  for (const file of files) {
    const { diagnostics } = parse(readFileSync(new URL(file, examplesDir), 'utf8'));
    assert.deepEqual(diagnostics, [], file);
  }
});

test('syntax error examples give exactly the expected diagnostics', () => {
  const dir = new URL('errors/', examplesDir);
  const files = readdirSync(dir).filter((f) => f.startsWith('syntax-') && f.endsWith('.gshard'));
  const families = new Set<string>();
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const expected = [...text.matchAll(/^\/\/ expect: (\S+) @ (\d+):(\d+)\s*$/gm)].map(
      (m) => `${m[1]} @ ${m[2]}:${m[3]}`,
    );
    assert.ok(expected.length > 0, `${file} declares no expectations`);
    const actual = parse(text).diagnostics.map((d) => `${d.code} @ ${d.span.start.line}:${d.span.start.col}`);
    assert.deepEqual(new Set(actual), new Set(expected), file);
    assert.equal(actual.length, expected.length, `${file}: duplicate diagnostics`);
    for (const e of expected) families.add(e.split(' ')[0] ?? e);
  }
  for (const code of [
    'syntax-unexpected-token',
    'syntax-missing-token',
    'syntax-invalid-character',
    'syntax-unterminated-string',
    'syntax-unterminated-comment',
    'syntax-invalid-priority',
    'syntax-invalid-dim-spec',
    'syntax-nesting-too-deep',
  ]) {
    assert.ok(families.has(code), `no error example for ${code}`);
  }
});
