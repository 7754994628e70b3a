// The language server under abuse: thousands of random edits (broken text, unicode, CRLF, ranges
// past the end), requests at positions out of range, requests for documents never opened,
// cancellations, malformed JSON-RPC. It never exits, answers every request, and is correct after.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, mulberry32 } from '@gshard/compiler';
import { LspClient } from './lsp-client.js';
import { MOE, freshUri } from './fixtures.js';

/** Small deterministic PRNG (mulberry32): the abuse is reproducible from SEED. */
const prng = mulberry32;

const SEED = Number(process.env['ABUSE_SEED'] ?? 1129);
const EDITS = Number(process.env['ABUSE_EDITS'] ?? 2000);

const FRAGMENTS = [
  '', ' ', '\n', '\r\n', '\r', '(', ')', '[', ']', '{', '}', '@', ',', '=', '->', '"', '/*', '*/', '//',
  'mesh', 'dim', 'layer', 'model', 'param', 'return', 'repeat 3 ', 'einsum("GSM,ME->GSE", x, w)', 'f32[G, S]',
  '@ [x, _]', '@ split(0, 2)', '99999999999999999999', '1e308', 'Δ', '😀', '\u200b', '\ud800', '\ufeff', '\u0000',
  'relu(', '-'.repeat(300), '('.repeat(200), 'x + '.repeat(50),
];

/** Requests an editor sends at a position, plus whole-document ones. */
const POSITION_REQUESTS = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references',
  'textDocument/signatureHelp', 'textDocument/prepareRename', 'textDocument/documentHighlight'];
const DOCUMENT_REQUESTS = ['textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/foldingRange',
  'textDocument/codeLens', 'textDocument/formatting', 'textDocument/inlayHint', 'textDocument/codeAction'];

function paramsFor(method: string, uri: string, position: { line: number; character: number }): object {
  const range = { start: { line: 0, character: 0 }, end: position };
  switch (method) {
    case 'textDocument/references': return { textDocument: { uri }, position, context: { includeDeclaration: true } };
    case 'textDocument/formatting': return { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } };
    case 'textDocument/inlayHint': return { textDocument: { uri }, range };
    case 'textDocument/codeAction': return { textDocument: { uri }, range, context: { diagnostics: [] } };
    default: return { textDocument: { uri }, position };
  }
}

/** A request must get a response (a result or a JSON-RPC error); a rejection from exit fails. */
async function answered(c: LspClient, p: Promise<unknown>): Promise<'result' | 'error'> {
  try {
    await p;
    return 'result';
  } catch (e) {
    assert.ok(c.alive, `server died: ${(e as Error).message}\n${c.stderr.slice(-2000)}`);
    return 'error';
  }
}

/** Diagnostics the server should publish for `text`: the compiler's own, as line:col code. */
function expectedCodes(text: string): string[] {
  return analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.start.line - 1}:${d.code}`).sort();
}

test(`LSP abuse: ${EDITS} random edits with requests in and out of range, seed ${SEED}`, { timeout: 300_000 }, async () => {
  const c = new LspClient();
  await c.initialize();
  try {
    const rand = prng(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const uri = freshUri('abuse');
    c.open(uri, MOE);
    let lines = MOE.split('\n').length;
    const inflight: Promise<'result' | 'error'>[] = [];
    for (let i = 0; i < EDITS; i++) {
      // A range anywhere, sometimes past the end of the document or reversed.
      const l1 = rand() < 0.1 ? lines + Math.floor(rand() * 1000) : Math.floor(rand() * lines);
      const l2 = rand() < 0.2 ? l1 : Math.min(l1 + Math.floor(rand() * 3), lines + 5);
      const range = { start: { line: l1, character: Math.floor(rand() * 60) }, end: { line: l2, character: Math.floor(rand() * (rand() < 0.1 ? 1e6 : 60)) } };
      const text = rand() < 0.02 ? pick([MOE, '', MOE.replace(/\n/g, '\r\n')]) : pick(FRAGMENTS);
      if (text === MOE || rand() < 0.01) c.change(uri, text);
      else c.change(uri, text, range);
      lines = Math.max(1, lines + (text.match(/\r\n|\r|\n/g)?.length ?? 0));
      if (i % 5 === 0) {
        const position = rand() < 0.3
          ? pick([{ line: 1e6, character: 0 }, { line: 0, character: 1e6 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }, { line: lines, character: 0 }])
          : { line: Math.floor(rand() * lines), character: Math.floor(rand() * 80) };
        const method = rand() < 0.5 ? pick(POSITION_REQUESTS) : pick(DOCUMENT_REQUESTS);
        inflight.push(answered(c, c.request(method, paramsFor(method, uri, position))));
      }
      if (i % 100 === 99) await Promise.all(inflight.splice(0)); // keep the pipe from growing without bound
    }
    const outcomes = await Promise.all(inflight);
    assert.ok(c.alive, `server exited:\n${c.stderr.slice(-2000)}`);
    assert.ok(outcomes.length === 0 || outcomes.includes('result'));

    // Correct after: a known text gives the compiler's diagnostics, and hover answers on it.
    const broken = MOE.replace('return', 'retrun');
    const v = c.change(uri, broken);
    const published = await c.diagnosticsFor(uri, v);
    assert.deepEqual(
      published.diagnostics.filter((d) => (d as { severity?: number }).severity === 1).map((d) => `${d.range.start.line}:${d.code}`).sort(),
      expectedCodes(broken),
    );
    const v2 = c.change(uri, MOE);
    const clean = await c.diagnosticsFor(uri, v2);
    assert.deepEqual(clean.diagnostics.filter((d) => (d as { severity?: number }).severity === 1), []);
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: MOE.split('\n').findIndex((l) => l.includes('einsum')), character: 4 } });
    assert.ok(hover === null || typeof hover === 'object');
  } finally {
    const code = await c.stop();
    assert.equal(code, 0, `exit code ${code}: ${c.stderr.slice(-2000)}`);
  }
});

test('LSP abuse: documents never opened, cancellations, malformed messages', { timeout: 120_000 }, async () => {
  const c = new LspClient();
  await c.initialize();
  try {
    const ghost = 'file:///never/opened.gshard';
    for (const method of [...POSITION_REQUESTS, ...DOCUMENT_REQUESTS]) {
      await answered(c, c.request(method, paramsFor(method, ghost, { line: 3, character: 4 })));
    }
    // Notifications about unknown documents, a second open, a close of what is not open.
    c.notify('textDocument/didChange', { textDocument: { uri: ghost, version: 7 }, contentChanges: [{ text: 'mesh' }] });
    c.notify('textDocument/didClose', { textDocument: { uri: ghost } });
    const uri = freshUri('twice');
    c.open(uri, MOE);
    c.open(uri, 'garbage (');
    c.notify('textDocument/didClose', { textDocument: { uri: 'file:///x.gshard' } });
    // Unknown methods: a request gets MethodNotFound, a notification is ignored.
    assert.equal(await answered(c, c.request('gshard/noSuchMethod', {})), 'error');
    c.notify('gshard/noSuchNotification', { x: 1 });
    // Bad params.
    for (const params of [null, {}, { textDocument: null }, { textDocument: { uri: 42 }, position: { line: 'a' } }, [1, 2, 3]]) {
      await answered(c, c.request('textDocument/hover', params));
    }
    // Malformed frames: invalid JSON, a body that is not an object. The server may log; it must not exit.
    const stdin = (c as unknown as { proc: { stdin: NodeJS.WritableStream } }).proc.stdin;
    for (const body of ['{not json', '42', '"str"', '{"jsonrpc":"2.0","id":99999,"result":null}']) {
      stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
    // Cancellations: immediately, late, twice, and for ids that do not exist. Every request answers.
    const uri2 = freshUri('cancel');
    c.open(uri2, MOE);
    const outcomes: Promise<'result' | 'error'>[] = [];
    for (let i = 0; i < 200; i++) {
      const method = DOCUMENT_REQUESTS[i % DOCUMENT_REQUESTS.length]!;
      const nextId = (c as unknown as { nextId: number }).nextId;
      outcomes.push(answered(c, c.request(method, paramsFor(method, uri2, { line: 1, character: 1 }))));
      if (i % 2 === 0) c.notify('$/cancelRequest', { id: nextId });
      if (i % 7 === 0) c.notify('$/cancelRequest', { id: nextId });
      if (i % 11 === 0) c.notify('$/cancelRequest', { id: 10_000_000 + i });
    }
    const settled = await Promise.all(outcomes);
    assert.equal(settled.length, 200);
    assert.ok(c.alive, c.stderr.slice(-2000));

    // Still correct: a fresh document gets the compiler's diagnostics.
    const uri3 = freshUri('after');
    const broken = MOE.replace('return', 'retrun');
    c.open(uri3, broken);
    const published = await c.diagnosticsFor(uri3, 1);
    assert.deepEqual(
      published.diagnostics.filter((d) => (d as { severity?: number }).severity === 1).map((d) => `${d.range.start.line}:${d.code}`).sort(),
      expectedCodes(broken),
    );
  } finally {
    const code = await c.stop();
    assert.equal(code, 0, `exit code ${code}: ${c.stderr.slice(-2000)}`);
  }
});
