// The language server under a fixed-seed stream of random edits, requests and malformed frames
// (the CI fuzz target; `npm run fuzz` runs more). Every request is answered, no handler fails,
// and the server is alive at the end. LSP_FUZZ_SEED / LSP_FUZZ_EDITS / LSP_FUZZ_FRAMES override.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.js';
import { MOE } from './fixtures.js';
import { mulberry32 } from '@gshard/compiler';

const SEED = Number(process.env['LSP_FUZZ_SEED'] ?? 20261204);
const EDITS = Number(process.env['LSP_FUZZ_EDITS'] ?? 300);
const FRAMES = Number(process.env['LSP_FUZZ_FRAMES'] ?? 100);

const SNIPPETS = ['einsum("GSM,ME->GSE", inputs, wg)', ' @ split(G, 16)', '\n', '(', ')', '{', '}', ' = ', 'relu(', 'dim Q = 0\n',
  '@ [x, _]', '"', '\x1b[2J', '\u202e', '\0', 'mesh m = [x = 99999999]\n', '1e309', ',', '->', 'param w: f32[M]\n'];

/** Broken frames, each a function of the random stream (sizes, positions). */
const FRAME_KINDS: ((r: () => number) => string | Buffer)[] = [
  (r) => `Content-Length: ${Math.floor(r() * 30)}\r\n\r\n{"jsonrpc":"2.0","method":"$/x","params":{}}`,
  (r) => `Content-Length: ${Math.floor(r() * 1e6) + 200}\r\n\r\n{"jsonrpc":"2.0","me`,
  (r) => `Content-Length: -${Math.floor(r() * 10)}\r\n\r\n{}`,
  () => 'Content-Length: 9007199254740993\r\n\r\n{}',
  (r) => `Content-Length: ${'9'.repeat(1 + Math.floor(r() * 30))}x\r\n\r\n{}`,
  (r) => Buffer.alloc(1 + Math.floor(r() * 5000)),
  (r) => Buffer.from(Array.from({ length: 1 + Math.floor(r() * 300) }, () => Math.floor(r() * 256))),
  () => '{"jsonrpc":"2.0","method":"initialized","params":{}}',
  () => 'Content-Length: 2\r\nContent-Type: x\r\n\r\n[]',
  () => 'Content-Length: 5\r\n\r\nhello',
];

test(`lsp fuzz: seed ${SEED}, ${EDITS} random edits and ${FRAMES} malformed frames; every request answered`, { timeout: 600_000 }, async () => {
  console.log(`lsp fuzz: seed ${SEED} (replay: LSP_FUZZ_SEED=${SEED} node scripts/run-tests.js fuzz-lsp)`);
  const r = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const c = new LspClient();
  const uri = 'file:///fuzz.gshard';
  let text = MOE;
  const posOf = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  const answered: Promise<unknown>[] = [];
  const ask = (method: string, params: unknown) => {
    answered.push(c.request(method, params).catch((e: Error & { code?: number }) => {
      // the client's own doing: a stale version (ContentModified) or bad params; anything else fails the run
      if (e.code === -32801 || e.code === -32602 || e.code === -32800) return undefined;
      throw e;
    }));
  };
  try {
    await c.initialize();
    c.open(uri, text);
    let frames = 0;
    for (let i = 0; i < EDITS; i++) {
      const from = Math.floor(r() * (text.length + 1));
      const to = Math.min(text.length, from + Math.floor(r() * 12));
      const insert = r() < 0.7 ? pick(SNIPPETS) : '';
      c.change(uri, insert, { start: posOf(from), end: posOf(to) });
      text = text.slice(0, from) + insert + text.slice(to);
      if (frames < FRAMES && r() < FRAMES / EDITS) { c.sendRaw(pick(FRAME_KINDS)(r)); frames++; }
      if (r() < 0.2) {
        const at = posOf(Math.floor(r() * (text.length + 1)));
        ask(pick(['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/signatureHelp']), c.at(uri, at));
      }
    }
    while (frames < FRAMES) { c.sendRaw(pick(FRAME_KINDS)(r)); frames++; }
    ask('textDocument/documentSymbol', { textDocument: { uri } });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`seed ${SEED}: requests unanswered after 120 s`)), 120_000); });
    await Promise.race([Promise.all(answered), deadline]).finally(() => clearTimeout(timer));
    const symbols = await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols), `seed ${SEED}`);
    assert.ok(c.alive, `seed ${SEED}: the server exited: ${c.stderr.slice(-500)}`);
    assert.deepEqual(c.failures, [], `seed ${SEED}: handler failures`);
    assert.doesNotMatch(c.stderr, /lost message framing/, `seed ${SEED}`);
    console.log(`lsp fuzz: seed ${SEED}: ${answered.length} requests answered, ${frames} malformed frames skipped`);
  } finally {
    await c.stop();
  }
});
