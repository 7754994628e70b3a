// The code registry: every diagnostic code the sources report, or examples/errors expect, is
// registered once with a one-line doc; no registered code is dead; docs/diagnostics.md lists them all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTAX_CODES } from '@gshard/grammar';
import { COMPILER_CODES, DIAGNOSTIC_CODES, codeDoc, diagnosticsMarkdown } from '../../src/diag/codes.js';
import { opEntry as opDef } from '../../src/ops/registry.js';
import { ROOT, exampleFiles, readText } from '../helpers/repo.js';
import { TRAIN_BOOLEANS } from '../../src/cli/train-flags.js';

/** CLI flag names that happen to start like a code (`--shard-optimizer-state`, `cost --train-estimate`). */
const FLAG_NAMES = new Set([...TRAIN_BOOLEANS, 'train-estimate']);

const PREFIXES = 'syntax|name|shape|shard|mesh|limit|cost|exec|train';
/** A quoted literal that reads as a code; `shape-${...}` is the one code built from an op kind. */
const CODE_LITERAL = new RegExp(`['"\`]((?:${PREFIXES})-[a-z0-9-]*[a-z0-9])['"\`]`, 'g');
const TEMPLATE_CODE = new RegExp(`\`(?:${PREFIXES})-\\$\\{`, 'g');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const SOURCE_FILES = ['grammar', 'compiler', 'lsp'].flatMap((pkg) => sources(join(ROOT, pkg, 'src')));
const isOp = (kind: string) => opDef(kind) !== undefined;

/** Code literals used in the sources, with where; the registry files themselves are left out. */
function usedCodes(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of SOURCE_FILES) {
    if (/[/\\](codes)\.ts$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(CODE_LITERAL)) {
      if (m[1] !== undefined && !used.has(m[1]) && !FLAG_NAMES.has(m[1])) used.set(m[1], file);
    }
  }
  return used;
}

test('every code literal in grammar/, compiler/ and lsp/ sources is registered', () => {
  const missing = [...usedCodes()].filter(([code]) => codeDoc(code, isOp) === undefined).map(([c, f]) => `${c} (${f})`);
  assert.deepEqual(missing, []);
});

test('no code is built from text except shape-<op>, made in one function', () => {
  const built = SOURCE_FILES.filter((f) => !f.endsWith('codes.ts') && TEMPLATE_CODE.test(readFileSync(f, 'utf8')));
  assert.deepEqual(built, []);
});

test('every code examples/errors expects is registered', () => {
  const missing: string[] = [];
  for (const file of exampleFiles('examples/errors')) {
    for (const m of readText(file).matchAll(/\/\/ expect: ([a-z0-9-]+) @/g)) {
      if (m[1] !== undefined && codeDoc(m[1], isOp) === undefined) missing.push(`${m[1]} (${file})`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every registered code is reported somewhere, once, with a one-line doc', () => {
  const used = usedCodes();
  assert.deepEqual(Object.keys(DIAGNOSTIC_CODES).filter((c) => !used.has(c)), []);
  assert.deepEqual(Object.keys(SYNTAX_CODES).filter((c) => c in COMPILER_CODES), []);
  for (const [code, doc] of Object.entries(DIAGNOSTIC_CODES)) {
    assert.match(doc, /^[^\n]{10,160}$/, code);
  }
});

test('shape-<op> codes are registered for ops in the table and only for them', () => {
  assert.ok(codeDoc('shape-einsum', isOp));
  assert.ok(codeDoc('shape-layer-norm', isOp));
  assert.equal(codeDoc('shape-no-such-op', isOp), undefined);
  assert.equal(codeDoc('syntax-nope', isOp), undefined);
});

test('docs/diagnostics.md is the registry rendered (regenerate with scripts/diagnostics-doc.js)', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  assert.equal(doc, diagnosticsMarkdown());
  for (const code of Object.keys(DIAGNOSTIC_CODES)) assert.ok(doc.includes(`\`${code}\``), code);
});
