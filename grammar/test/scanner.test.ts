// Differential test of scanner.ts: on example files, the benchmark file and thousands of fuzzed
// texts, its tokens, comments and errors (and so lex()'s diagnostics) equal those of Chevrotain's
// Lexer built from the same token definitions, in both position modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Lexer, type IToken } from 'chevrotain';
import { lex, withDiagnostics } from '../src/lexer.js';
import { LineIndex } from '../src/positions.js';
import { scan, type ScanResult } from '../src/scanner.js';
import { allTokens } from '../src/tokens.js';
import { at, examplesDir, prng } from './helpers.js';

type Mode = 'full' | 'offsets';

// The reference: the Lexer lex() used before the scanner, with the same configuration.
const reference: Record<Mode, Lexer> = {
  full: new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true }),
  offsets: new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true }),
};

function chevrotain(text: string, mode: Mode): ScanResult {
  const r = reference[mode].tokenize(text);
  return {
    tokens: r.tokens,
    comments: r.groups['comments'] ?? [],
    errors: r.errors.map((e) => ({ offset: e.offset, length: e.length, line: e.line, column: e.column })),
  };
}

const show = (x: object | undefined) =>
  JSON.stringify(x && ('tokenType' in x ? { ...x, tokenType: (x as IToken).tokenType.name } : x));

/** The first difference between two lists of tokens or errors: same fields in the same order, same values. */
function firstDifference(what: string, ours: readonly object[], theirs: readonly object[]): string | undefined {
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    const a = ours[i] as Record<string, unknown> | undefined;
    const b = theirs[i] as Record<string, unknown> | undefined;
    const same = a && b && Object.keys(a).join() === Object.keys(b).join() && Object.keys(a).every(
      (k) => a[k] === b[k],
    );
    if (!same) return `${what} ${i}: scanner ${show(a)} vs Chevrotain ${show(b)}`;
  }
  return undefined;
}

/** Asserts the scanner equals Chevrotain on `text` in both modes, and so do lex()'s diagnostics. */
function assertSame(text: string, label: string): void {
  const lines = new LineIndex(text);
  for (const mode of ['offsets', 'full'] as const) {
    const ours = scan(text, mode);
    const theirs = chevrotain(text, mode);
    const difference =
      firstDifference('token', ours.tokens, theirs.tokens) ??
      firstDifference('comment', ours.comments, theirs.comments) ??
      firstDifference('error', ours.errors, theirs.errors);
    const shown = JSON.stringify(text.length > 400 ? text.slice(0, 400) + '...' : text);
    if (difference) assert.fail(`${label} (${mode}): ${difference}\ntext: ${shown}`);
    assert.deepEqual(
      lex(text, lines, mode).diagnostics, withDiagnostics(text, lines, theirs).diagnostics, `${label} (${mode})`,
    );
  }
}

const exampleTexts = (dir: URL) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.gshard'))
    .map((f) => [f, readFileSync(new URL(f, dir), 'utf8')] as const);
const examples = [...exampleTexts(examplesDir), ...exampleTexts(new URL('errors/', examplesDir))];

test('every example file lexes as Chevrotain lexes it', () => {
  assert.ok(examples.length >= 20);
  for (const [file, text] of examples) assertSame(text, file);
});

/** bench/parse.js's input: a mesh, dims, then ffn-like layers up to 10,000 lines. */
function benchmarkText(): string {
  const layer = (i: number) => `// layer ${i}: a feed-forward block with a residual
layer ffn_${i}(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] {
  param wi: f32[M, H] @ [_, model]
  param wo: f32[H, M] @ [model, _]
  param scale: f32[M] @ replicate
  h = relu(einsum("BSM,MH->BSH", x, wi)) @ [data, _, model]
  g = gelu(einsum("BSM,MH->BSH", x, wi)) * 0.5 + h
  y = einsum("BSH,HM->BSM", g, wo) @ [data, ?, _]
  n = layer_norm(x + y, M) * scale
  s = reduce_sum(n, [S]) / 2
  return n
}
`;
  const parts = ['mesh pod = tpu_v3 [data = 4, model = 4]\ndim B = 8\ndim S = 16\ndim M = 32\ndim H = 4 * M\n\n'];
  for (let i = 0, lines = 6; lines <= 10_000; i++, lines += 13) parts.push(layer(i) + '\n');
  return parts.join('');
}

test('the benchmark file (and its CRLF form) lexes as Chevrotain lexes it', () => {
  const text = benchmarkText();
  assert.ok(text.split('\n').length > 10_000);
  assertSame(text, 'benchmark');
  assertSame(text.replace(/\n/g, '\r\n'), 'benchmark, CRLF');
});

test('edge cases lex as Chevrotain lexes them', () => {
  const cases = [
    '', ' ', '\n', '\r', '\r\n', '\n\r', 'a\rb\r\nc\nd', '\u00a0\ufeff\v\f x',
    'mesh meshes meshé mesh_ mesh1 model modelx on one oné replicate replicated replicatedx tpu_v3 tpu_v',
    'Größe h₁ x٣ 専門家 𝐀𝐁 a𝐀 _ __ _1 1_ ﬁ',
    '1 1. 1.5 1e 1e+ 1e+5 1.5E-3 1.e5 .5 1..2 007',
    '"a" "a\\"b" "\\\\" "abc', '"abc\\', '"abc\\\n', '"abc\\\r\nx', '"\\"', '"a\nb"', '""', '"\ud83d"',
    '/* a */ /* b\n */ /*/ x */ /**/ /*\r\n*/ // c\r\n// d', '/* never', '/* ends in a break\n',
    '/* two\nbreaks\r\n', '/* one\r',
    '// x', '/', '//', '/*', '*/', 'a/b', '->', '-', '-->', '>', '< >',
    '# $ % ! & | ^ ~ ` \' \\ ; . ##$$ #a #1 #" #/ #-', '\u0000\u0001\u007f\u0080\u2028\u2029\u3000x',
    '😀 😀x x😀 \ud83d \ude00 \ude00a \ud83da 𝐀\ude00 \ud835', '#\ud835\udc00', '#\ud83d\ude00#',
  ];
  for (const text of cases) assertSame(text, JSON.stringify(text));
});

test('fuzzed texts lex as Chevrotain lexes them', () => {
  const random = prng(20240611);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => at(xs, int(xs.length));
  const corpus = examples.map(([, text]) => text);
  const snippets = [
    'mesh', 'model', 'replicated', 'replicate', 'on', 'tpu_v3', 'shard', 'meshé', 'x', 'Größe', 'h₁', '_',
    '"str"', '"a\\"b"', '"open', '"esc\\', '\\', '"', '/*', '*/', '//', '/', '->', '-', '*', '1', '1.5e-3', '1.', '1e+',
    ' ', '\t', '\v', '\f', '\u00a0', '\ufeff', '\n', '\r', '\r\n', '\u2028', '\u3000', '#', '.', '@', '?', '[', ']',
  ];
  const astral = ['𝐀', '😀', '𝔘', '🀄', '\ud835', '\udc00', String.fromCodePoint(0x10000 + int(0xfffff))];
  const piece = (): string => {
    switch (int(9)) {
      case 0:
      case 1: {
        // A slice of a real file.
        const text = pick(corpus);
        const start = int(text.length);
        return text.slice(start, start + 1 + int(120));
      }
      case 2:
        return pick(snippets);
      case 3:
        return String.fromCharCode(...Array.from({ length: 1 + int(8) }, () => int(128)));
      case 4:
        return String.fromCharCode(...Array.from({ length: 1 + int(4) }, () => int(0x10000)));
      case 5:
        return pick(astral);
      case 6:
        return pick(['\r', '\n', '\r\n', '\n\r']).repeat(1 + int(3));
      case 7: {
        // Random bytes, decoded as UTF-8 (invalid sequences become U+FFFD) or as Latin-1.
        const bytes = Buffer.from(Array.from({ length: 1 + int(12) }, () => int(256)));
        return bytes.toString(random() < 0.5 ? 'utf8' : 'latin1');
      }
      default:
        return String.fromCharCode(int(32));
    }
  };
  const inputs = 4000;
  for (let k = 0; k < inputs; k++) {
    const parts: string[] = [];
    const count = 1 + int(25);
    for (let p = 0; p < count; p++) parts.push(piece());
    assertSame(parts.join(random() < 0.3 ? '' : pick([' ', '\n', '\r\n', ''])), `fuzz input ${k}`);
  }
});
