// The suggested sharding over the real protocol: offered as a code action on the model header once the
// background search finishes, not on body lines, dropped by an edit, and applied it leaves a file that checks
// clean. Hover answers while a search runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from './server-harness.js';
import { freshUri } from './fixtures.js';
import type { LspClient, LspRange } from './lsp-client.js';

const MLP = `// A data-parallel candidate: nothing annotated yet.
mesh m = tpu_v3 [x = 4]

dim B = 64 // batch
dim M = 128
dim H = 512

model mlp(x: f32[B, M]) -> f32[B, M] on m {
  param w1: f32[M, H] // up
  param w2: f32[H, M] // down
  return einsum("BH,HM->BM", relu(einsum("BM,MH->BH", x, w1)), w2)
}
`;

const TITLE = /^Apply suggested sharding: [\d.]+x faster, fits in [\d.]+ GiB$/;
const line = (n: number): LspRange => ({ start: { line: n, character: 0 }, end: { line: n, character: 3 } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Action { title: string; kind?: string; edit: { changes: Record<string, { range: LspRange; newText: string }[]> } }

async function actionsAt(c: LspClient, uri: string, range: LspRange): Promise<Action[]> {
  return c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
}

async function waitForSuggestion(c: LspClient, uri: string, range: LspRange): Promise<Action> {
  for (let i = 0; i < 600; i++) {
    const found = (await actionsAt(c, uri, range)).find((a) => TITLE.test(a.title));
    if (found) return found;
    await sleep(100);
  }
  throw new Error('no suggested sharding within 60 s');
}

function applyEdits(text: string, edits: readonly { range: LspRange; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

test('the best plan is a code action on the model header; applied, the file checks clean', () =>
  withServer(async (c) => {
    const uri = freshUri('suggest');
    c.open(uri, MLP);
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 9 } });
    assert.ok(hover, 'hover answers while the search runs');
    const action = await waitForSuggestion(c, uri, line(7));
    assert.equal(action.kind, 'refactor.rewrite');
    assert.equal((await actionsAt(c, uri, line(10))).filter((a) => TITLE.test(a.title)).length, 0, 'not on body lines');
    const edits = action.edit.changes[uri];
    assert.ok(edits && edits.length > 0);
    const applied = applyEdits(MLP, edits);
    assert.equal(applied.replace(/ @ \[[^\]]*\]/g, ''), MLP, 'only annotations added; comments and layout kept');
    const version = c.change(uri, applied);
    assert.equal((await actionsAt(c, uri, line(7))).filter((a) => TITLE.test(a.title)).length, 0,
      'an edit drops the suggestion of the old text');
    const published = await c.diagnosticsFor(uri, version);
    assert.deepEqual(published.diagnostics, [], 'the file checks clean');
  }));
