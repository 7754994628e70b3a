// Tests for span helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinSpans } from '../src/diagnostic.js';

test('joinSpans covers both spans', () => {
  const a = { start: { offset: 5, line: 1, col: 6 }, end: { offset: 8, line: 1, col: 9 } };
  const b = { start: { offset: 1, line: 1, col: 2 }, end: { offset: 3, line: 1, col: 4 } };
  assert.deepEqual(joinSpans(a, b), { start: b.start, end: a.end });
});
