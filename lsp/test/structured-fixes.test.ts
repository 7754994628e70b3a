// Quick fixes over the real protocol come from the diagnostics' structured fields (the fix the
// compiler attaches, the remat annotation), never from their message text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '@gshard/grammar';
import { toLspDiagnostic } from '../src/diagnostics.js';
import { withServer } from './server-harness.js';
import { MOE, freshUri, positionOf } from './fixtures.js';

type WireFix = { title: string; edits: { range: object; newText: string }[] };
const fixesOf = (d: { data?: unknown }): WireFix[] | undefined => (d.data as { fixes?: WireFix[] } | undefined)?.fixes;

const REMAT = readFileSync(new URL('../../../examples/errors/shard-full-remat.gshard', import.meta.url), 'utf8');

test('the did-you-mean fix travels in the data: a rewritten message keeps it, a bare message has none', () =>
  withServer(async (c) => {
    const uri = freshUri();
    c.open(uri, MOE.replace('relu(einsum', 'reluu(einsum'));
    const d = await c.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    const diag = d.diagnostics.find((x) => x.code === 'name-unknown-op');
    assert.ok(diag, JSON.stringify(d.diagnostics));
    assert.deepEqual(fixesOf(diag)?.[0]?.edits, [{ range: diag.range, newText: 'relu' }]);
    const ask = (diagnostic: object) =>
      c.request('textDocument/codeAction',
        { textDocument: { uri }, range: diag.range, context: { diagnostics: [diagnostic] } });
    const renamed = await ask({ ...diag, message: 'no suggestion in this text' });
    assert.equal(renamed.length, 1);
    assert.deepEqual(renamed[0].edit.changes[uri], [{ range: diag.range, newText: 'relu' }]);
    const { data: _data, ...bare } = diag;
    assert.deepEqual(await ask({ ...bare, message: "Unknown op or layer 'reluu'. Did you mean 'relu'?" }), []);
  }));

test('the full-remat fix writes the annotation the diagnostic carries at the value\'s binding', () =>
  withServer(async (c) => {
    const uri = freshUri();
    c.open(uri, REMAT);
    const d = await c.diagnosticsFor(uri, 1, (p) => p.diagnostics.some((x) => x.code === 'shard-full-remat'));
    const diag = d.diagnostics.find((x) => x.code === 'shard-full-remat');
    assert.ok(diag);
    const fix = fixesOf(diag)?.[0];
    assert.ok(fix, JSON.stringify(diag));
    // The test reads the text to know what to expect; the server does not.
    const match = /Annotate (\S+) @ (.+?) to avoid it/.exec(diag.message);
    assert.ok(match);
    assert.equal(fix.title, `Annotate ${match[1]} @ ${match[2]}`);
    const at = positionOf(REMAT, ' @ [(x, y)]', 0, 1);
    assert.deepEqual(fix.edits, [{ range: { start: at, end: { ...at, character: at.character + '@ [(x, y)]'.length } },
      newText: `@ ${match[2]}` }]);
    const actions = await c.request('textDocument/codeAction',
      { textDocument: { uri }, range: diag.range, context: { diagnostics: [{ ...diag, message: 'reworded' }] } });
    assert.equal(actions.length, 1);
    assert.deepEqual(actions[0].edit.changes[uri], fix.edits);
  }));

test('a message that reads like a suggestion gives no fix; a fix field gives one whatever the message', () => {
  const span = { start: { offset: 0, line: 1, col: 1 }, end: { offset: 5, line: 1, col: 6 } };
  const suggests: Diagnostic =
    { code: 'name-unresolved', severity: 'error', span, message: "Unknown name 'reluu'. Did you mean 'relu'?" };
  assert.equal(toLspDiagnostic(suggests, 'file:///a.gshard').data, undefined);
  const fix = { title: "Replace with 'relu'", edits: [{ span, newText: 'relu' }] };
  const carried = toLspDiagnostic({ ...suggests, message: 'Unknown name.', fix }, 'file:///a.gshard');
  assert.deepEqual(fixesOf(carried), [{ title: fix.title, edits: [{ range: carried.range, newText: 'relu' }] }]);
});
