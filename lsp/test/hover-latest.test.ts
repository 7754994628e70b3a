// Hover while a newer version is being analysed answers at once from the last good analysis, at
// the symbol's position in the current text; the offset mapping across edits (edit-map.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editBetween, mapBack, mapForward } from '../src/edit-map.js';
import { example } from './examples.js';
import { freshUri, positionOf } from './fixtures.js';
import { withServer } from './server-harness.js';

const MOE = example('moe_layer.gshard');
const OLD_SHAPE = /global shape `\[16, 16, 4, 64\]`/; // h: f32[E, G, C, H] with H = 64
const NEW_SHAPE = /global shape `\[16, 16, 4, 48\]`/; // ... with H = 48

test('editBetween finds the one replaced range; offsets map back and forward around it', () => {
  const e = editBetween('abcdef', 'abXYZef'); // "cd" -> "XYZ"
  assert.deepEqual(e, { from: 2, to: 4, inserted: 3 });
  assert.deepEqual(editBetween('aaaa', 'aaaaa'), { from: 4, to: 4, inserted: 1 }, 'a repeated character: prefix first');
  assert.deepEqual(editBetween('abc', 'abc'), { from: 3, to: 3, inserted: 0 });
  assert.equal(mapBack([e], 1), 1, 'before the edit');
  assert.equal(mapBack([e], 5), 4, 'after it: shifted by the size change');
  assert.equal(mapBack([e], 3), undefined, 'inside the inserted text');
  assert.equal(mapForward([e], 4), 5);
  assert.equal(mapForward([e], 3), undefined, 'inside the replaced text');
  // Two edits: insert "12" at 0, then delete 3 characters at 5 (old 3..6).
  const edits = [editBetween('abcdefgh', '12abcdefgh'), editBetween('12abcdefgh', '12abcgh')];
  assert.equal(mapBack(edits, 6), 7, "'h' of the newest text is old offset 7");
  assert.equal(mapForward(edits, 7), 6);
  assert.equal(mapForward(edits, 4), undefined, "'e' was deleted");
});

test('a hover while the new version waits for its check answers from the last good analysis, at the current place', () =>
  withServer(async (c) => {
    const uri = freshUri('latest');
    c.open(uri, MOE);
    await c.diagnosticsFor(uri, 1);
    // A line on top moves everything down; then, within the debounce, H changes: that version is not
    // checked for a minute.
    c.change(uri, '// a note\n', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    let text = '// a note\n' + MOE;
    const dimH = positionOf(text, 'dim H = 64', 0, 'dim H = '.length);
    c.change(uri, '48', { start: dimH, end: { line: dimH.line, character: dimH.character + 2 } });
    text = text.replace('dim H = 64', 'dim H = 48');
    const at = positionOf(text, 'h = relu');
    const h = await c.request('textDocument/hover', c.at(uri, at));
    assert.match(h.contents.value, /\*\*`h`\*\*: binding/);
    assert.match(h.contents.value, OLD_SHAPE, 'the last analysis, not one of the unchecked text');
    const range = { start: at, end: { line: at.line, character: at.character + 1 } };
    assert.deepEqual(h.range, range, 'the range is in the current text');

    // A name typed since that analysis: it knew nothing there, so nothing is said (and nothing waited for).
    const ret = positionOf(text, '  return outputs');
    c.change(uri, '  zz = relu(h)\n', { start: ret, end: ret });
    text = text.replace('  return outputs', '  zz = relu(h)\n  return outputs');
    assert.equal(await c.request('textDocument/hover', c.at(uri, positionOf(text, 'zz = relu', 0, 1))), null);
    const again = await c.request('textDocument/hover', c.at(uri, positionOf(text, ', h, wo', 0, 2)));
    assert.match(again.contents.value, OLD_SHAPE, 'a use of h below the new line still answers from the old analysis');

    // Once the current text has an analysis (here: reopened, which checks at once), hover reads it.
    c.notify('textDocument/didClose', { textDocument: { uri } });
    c.open(uri, text);
    const fresh = await c.request('textDocument/hover', c.at(uri, at));
    assert.match(fresh.contents.value, NEW_SHAPE);
    assert.deepEqual(c.failures, []);
  }, { debounceMs: 60_000, idleMs: 60_000 }));

test('a hover on a file just broken answers from the last good analysis instead of waiting for the salvage', () =>
  withServer(async (c) => {
    const uri = freshUri('broken-latest');
    c.open(uri, MOE);
    await c.diagnosticsFor(uri, 1);
    // As an editor sends them: two edits, a comma goes missing (every version from here is broken,
    // so none becomes the last good one), then H changes.
    const comma = positionOf(MOE, '"EGCH,EHM->GECM", h', 0, '"EGCH,EHM->GECM"'.length);
    c.change(uri, '', { start: comma, end: { line: comma.line, character: comma.character + 1 } });
    const dimH = positionOf(MOE, 'dim H = 64', 0, 'dim H = '.length);
    const version = c.change(uri, '48', { start: dimH, end: { line: dimH.line, character: dimH.character + 2 } });
    const broken = MOE.replace('dim H = 64', 'dim H = 48').replace('"EGCH,EHM->GECM", h', '"EGCH,EHM->GECM" h');
    const at = positionOf(broken, 'h = relu');
    const h = await c.request('textDocument/hover', c.at(uri, at));
    assert.match(h.contents.value, OLD_SHAPE, 'answered before the salvage of the broken version (which has H = 48)');
    // Hints wait for the salvage; once it is there, hover reads it too.
    const upTo = { start: { line: 0, character: 0 }, end: at };
    await c.request('textDocument/inlayHint', { textDocument: { uri }, range: upTo });
    await c.diagnosticsFor(uri, version);
    const salvaged = await c.request('textDocument/hover', c.at(uri, at));
    assert.match(salvaged.contents.value, NEW_SHAPE);
    assert.deepEqual(c.failures, []);
  }, { debounceMs: 5, idleMs: 60_000 }));
