// Golden files: compare a test's text with a file in the repository, or rewrite it under UPDATE_GOLDEN=1.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function assertGoldenFile(dir: string, name: string, actual: string): void {
  const path = join(dir, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file ${path} is missing: run the tests with UPDATE_GOLDEN=1`);
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, k) => line !== e[k]);
  assert.fail(`${name} differs from the golden file at line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}\n` +
    '(UPDATE_GOLDEN=1 rewrites it)');
}
