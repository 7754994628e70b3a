// Style ratchet: per package source folder, lines over 120 characters and unexplained non-null
// assertions may not grow past the recorded budget (the budgets only ever go down).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Today's counts. Budgets only go down: when a change lowers a count, lower its budget here in the
 * same change; never raise one (wrap the line, or narrow the type / explain the `!` instead).
 */
const BUDGETS: Readonly<Record<string, { longLines: number; bareNonNull: number }>> = {
  'compiler/src': { longLines: 0, bareNonNull: 0 },
  'lsp/src': { longLines: 0, bareNonNull: 0 },
  'cli/src': { longLines: 0, bareNonNull: 0 },
  'grammar/src': { longLines: 0, bareNonNull: 0 },
};

const MAX_LINE = 120;

/** The line without its string and template literals and its trailing `//` comment. */
export function codeOf(line: string): string {
  return line
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""')
    .replace(/\/\/.*$/, '');
}

/** Postfix `!` (a non-null assertion): after a name, `)` or `]`, and not the start of `!=`. */
export function nonNullCount(line: string): number {
  return [...codeOf(line).matchAll(/[\w)\]]!(?!=)/g)].length;
}

const isComment = (line: string): boolean => /^\s*(\/\/|\/\*|\*)/.test(line);
const hasComment = (line: string): boolean => /\/\/|\/\*/.test(line.replace(/'(?:[^'\\]|\\.)*'/g, ''));

/** Non-null assertions with no comment on their line or the line above saying why. */
export function bareNonNulls(lines: readonly string[]): number {
  let n = 0;
  lines.forEach((line, i) => {
    if (isComment(line)) return;
    const count = nonNullCount(line);
    if (count === 0 || hasComment(line) || (i > 0 && isComment(lines[i - 1] ?? ''))) return;
    n += count;
  });
  return n;
}

function countFolder(root: string): { longLines: number; bareNonNull: number } {
  const out = { longLines: 0, bareNonNull: 0 };
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const lines = readFileSync(p, 'utf8').split('\n');
        out.longLines += lines.filter((l) => l.length > MAX_LINE).length;
        out.bareNonNull += bareNonNulls(lines);
      }
    }
  };
  walk(root);
  return out;
}

describe('style ratchet', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));

  it('counts postfix non-null assertions, not `!=`, `!x` or text in strings', () => {
    assert.equal(nonNullCount('const a = b!.c + d[0]! + f()!;'), 3);
    assert.equal(nonNullCount('if (a !== b && !c && a != d) x = "e!";'), 0);
    assert.equal(bareNonNulls(['// the parser set it', 'use(a!);', 'use(b!); // checked above', 'use(c!);']), 1);
  });

  for (const [folder, budget] of Object.entries(BUDGETS)) {
    it(`${folder} stays within its budget of long lines and unexplained non-null assertions`, () => {
      assert.ok(existsSync(join(root, folder)), `${folder} under ${root}`);
      const now = countFolder(join(root, folder));
      if (process.env['STYLE_COUNTS']) console.log(folder, JSON.stringify(now));
      assert.ok(now.longLines <= budget.longLines,
        `${folder}: ${now.longLines} lines over ${MAX_LINE} chars (budget ${budget.longLines}); wrap the new ones`);
      assert.ok(now.bareNonNull <= budget.bareNonNull,
        `${folder}: ${now.bareNonNull} non-null assertions without a comment (budget ${budget.bareNonNull}); ` +
        'narrow the type or say why it holds');
    });
  }
});
