// Requests on a broken file wait for its salvage (made in the worker) without holding up other
// messages, answer right for the valid parts, and never answer with another version's positions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { example } from './examples.js';
import { chainOfLayers, freshUri, positionOf } from './fixtures.js';
import { withServer, wholeFile } from './server-harness.js';
import type { LspClient } from './lsp-client.js';

/** No slow stages during a test: what is answered comes from the check and its quick salvage. */
const CHECK_ONLY = { debounceMs: 5, idleMs: 60_000 };
const CONTENT_MODIFIED = -32801;

interface Hint { position: { line: number; character: number }; label: string }

const MOE = example('moe_layer.gshard');
// A syntax error in one statement and an unknown name in another; the rest of the model is valid.
const BROKEN_MOE = MOE
  .replace('  expert_outputs = einsum("EGCH,EHM->GECM", h, wo)', '  expert_outputs = einsum("EGCH,EHM->GECM" h, wo))')
  .replace('  return outputs, aux', '  junk = nonsense(h)\n  return outputs, aux');

// 150 layers, one of them using an unknown name: salvaging it re-checks ~1,200 lines several times.
const CHAIN = chainOfLayers(150);
const at75 = CHAIN.split('x, wi', 76).join('x, wi').length; // the 76th `x, wi`: in layer ffn_75
const broken = (name: string) => CHAIN.slice(0, at75) + name + CHAIN.slice(at75 + 1);
const BROKEN_LINE = positionOf(CHAIN, 'x, wi', 75).line;
const around = (line: number) => ({ start: { line: line - 20, character: 0 }, end: { line: line + 20, character: 0 } });

const hintsOf = (c: LspClient, uri: string, range = wholeFile): Promise<Hint[]> =>
  c.request('textDocument/inlayHint', { textDocument: { uri }, range });

test('before the slow stages run, hints and hover on a broken file come from its salvage', () => withServer(async (c) => {
  const uri = freshUri('broken');
  c.open(uri, BROKEN_MOE);
  // Asked at once, before any diagnostics: the answers wait for the salvage of version 1.
  const [hints, hover] = await Promise.all([hintsOf(c, uri), c.request('textDocument/hover', c.at(uri, positionOf(BROKEN_MOE, 'h = relu')))]);
  const hLine = positionOf(BROKEN_MOE, 'h = relu').line;
  assert.deepEqual(hints.filter((h) => h.position.line === hLine).map((h) => h.label), [': f32[E, G, C, H]']);
  assert.ok(hints.some((h) => h.position.line === positionOf(BROKEN_MOE, 'logits =').line), 'hint on logits');
  assert.ok(!hints.some((h) => h.position.line === positionOf(BROKEN_MOE, 'junk').line), 'no hint on the broken binding');
  assert.ok(!hints.some((h) => h.position.line === positionOf(BROKEN_MOE, 'expert_outputs =').line), 'no hint on the line with the syntax error');
  assert.match(hover.contents.value, /f32\[E, G, C, H\]/);
  assert.deepEqual(c.failures, []);
}, CHECK_ONLY));

test('a hint request on a broken file holds up neither the next check nor the outline sent after it', () => withServer(async (c) => {
  const uri = freshUri('chain');
  c.open(uri, broken('q'));
  await c.diagnosticsFor(uri, 1);
  await hintsOf(c, uri, around(BROKEN_LINE)); // version 1 salvaged: what follows is about version 2 only
  const order: string[] = [];
  const version = c.change(uri, broken('r'));
  const hints = hintsOf(c, uri, around(BROKEN_LINE)).then((r) => { order.push('inlayHint'); return r; });
  const outline = c.request('textDocument/documentSymbol', { textDocument: { uri } }).then((r) => { order.push('documentSymbol'); return r; });
  const diagnostics = c.diagnosticsFor(uri, version).then((p) => { order.push('diagnostics'); return p; });
  const [h, o, d] = await Promise.all([hints, outline, diagnostics]);
  // The salvage re-checks the file in the worker; the check and the outline need none of it.
  assert.equal(order[2], 'inlayHint', `answered in the order ${order.join(', ')}`);
  assert.ok(d.diagnostics.some((x) => /\br\b/.test(x.message)), 'the unknown name r is reported');
  assert.deepEqual(o.slice(-2).map((s: { name: string }) => s.name), ['ffn_149', 'main'], 'the outline of the text as it is');
  const near = h.filter((x) => x.position.line >= BROKEN_LINE - 20 && x.position.line <= BROKEN_LINE + 20);
  assert.ok(near.length > 0 && near.length === h.length, 'hints in the visible range');
  assert.ok(!h.some((x) => x.position.line === BROKEN_LINE), 'no hint on the broken binding');
  assert.deepEqual(c.failures, []);
}, CHECK_ONLY));

test('a hint request whose version is edited away before its salvage is there gets no hints at the new positions', () => withServer(async (c) => {
  // What version 2's salvage gives, from a document that holds version 2's text only.
  const truthUri = freshUri('truth');
  c.open(truthUri, broken('r'));
  const truth = await hintsOf(c, truthUri, wholeFile);
  assert.ok(truth.length > 400, `hints on the valid layers (${truth.length})`);

  const uri = freshUri('chain');
  c.open(uri, broken('q'));
  await hintsOf(c, uri, wholeFile);
  c.change(uri, broken('r'));
  const raced = hintsOf(c, uri, wholeFile).then((r) => r, (e: { code?: number }) => e);
  // Three lines on top move every hint of version 3 down by three lines.
  c.change(uri, '\n\n\n' + broken('s'));
  const answer = await raced;
  if (Array.isArray(answer)) assert.deepEqual(answer, truth, 'a late answer is version 2\'s own');
  else assert.equal(answer.code, CONTENT_MODIFIED, `answered ${JSON.stringify(answer)}`);
  const shifted = truth.map((h) => ({ ...h, position: { ...h.position, line: h.position.line + 3 } }));
  assert.deepEqual(await hintsOf(c, uri, wholeFile), shifted, 'version 3 answers at its own positions');
  assert.deepEqual(c.failures, []);
}, CHECK_ONLY));

test('an edit that mends a broken file answers hints from the mended text, not from the last salvage', () => withServer(async (c) => {
  const truthUri = freshUri('truth');
  c.open(truthUri, MOE);
  const truth = await hintsOf(c, truthUri);
  const uri = freshUri('mended');
  c.open(uri, BROKEN_MOE);
  const salvaged = await hintsOf(c, uri);
  assert.notDeepEqual(salvaged, truth, 'the salvage lacks the broken bindings');
  c.change(uri, MOE); // the worker is asked to salvage this version too before it is checked
  assert.deepEqual(await hintsOf(c, uri), truth);
  assert.deepEqual(c.failures, []);
}, CHECK_ONLY));
