// Every example model, opened as a user would: no errors, and every binding has a hover with its
// type, an inlay hint, and every layer its lenses; the server logs no handler failure.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { example } from './examples.js';
import { freshUri } from './fixtures.js';
import { withServer, wholeFile } from './server-harness.js';

const names = readdirSync(fileURLToPath(new URL('../../../examples/', import.meta.url))).filter((f) => f.endsWith('.gshard'));

test('the repository has example models to open', () => {
  assert.ok(names.includes('moe_layer.gshard'), names.join(', '));
});

for (const name of names) {
  test(`${name}: hover, hints and lenses everywhere, no errors`, () => withServer(async (c) => {
    const text = example(name);
    const uri = freshUri(name.replace('.gshard', ''));
    c.open(uri, text);
    const settled = await c.settled(uri, 1);
    assert.deepEqual(settled.diagnostics.filter((d) => d.severity === 1), []);
    const lines = text.split('\n');
    const bindings = lines.flatMap((l, i) => (/^\s+[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)*\s*=[^=]/.test(l) && !/^\s*\/\//.test(l) ? [i] : []));
    assert.ok(bindings.length > 0);
    const hints: { position: { line: number } }[] = await c.request('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile });
    for (const line of bindings) {
      const character = lines[line]!.search(/\S/);
      const h = await c.request('textDocument/hover', c.at(uri, { line, character }));
      assert.ok(h, `no hover at ${name}:${line + 1}`);
      assert.match(h.contents.value, /```gshard\n(f32|bf16|i32|bool)\[/, `${name}:${line + 1}`);
      assert.ok(hints.some((x) => x.position.line === line), `no hint at ${name}:${line + 1}`);
    }
    const lenses: { command: { title: string } }[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.some((l) => l.command.title.startsWith('FLOPs ')), JSON.stringify(lenses));
    assert.deepEqual(c.failures, []);
  }));
}
