// The salvage of a broken file (analysis.ts): which statements it blanks, and that a long chain of
// bindings depending on a broken one is salvaged in one go.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalysis, salvage } from '../src/analysis.js';

/** A model whose binding `b0` uses an unknown name, followed by `depth` bindings each using the last, and a valid one. */
function chain(depth: number): string {
  const lines = [
    'mesh tpu = tpu_v3 [x = 2]',
    'dim B = 4',
    'dim M = 8',
    'model m(a: f32[B, M] @ [x, _]) -> f32[B, M] on tpu {',
    '  ok = relu(a)',
    '  b0 = relu(nope)',
  ];
  for (let i = 1; i <= depth; i++) lines.push(`  b${i} = relu(b${i - 1}) + ok`);
  lines.push(`  return b${depth}`, '}', '');
  return lines.join('\n');
}

test('a chain of bindings longer than the salvage rounds depending on a broken one is salvaged, keeping the valid binding', () => {
  const text = chain(10);
  const first = runAnalysis(text, false);
  assert.ok(first.diagnostics.some((d) => d.code === 'name-unresolved'), 'the file is broken');
  const s = salvage(text, first, false);
  assert.ok(s, 'salvaged');
  assert.equal(s.text.length, text.length, 'every span stays in place');
  assert.ok(s.analysis.front.module, 'the salvaged text lowers cleanly');
  const lines = s.text.split('\n');
  assert.match(lines[4]!, /ok = relu\(a\)/, 'the valid binding is kept');
  for (let i = 0; i <= 10; i++) assert.doesNotMatch(s.text, new RegExp(`\\bb${i} =`), `b${i} is blanked`);
  // The return used the last of the chain: it falls back to the first input.
  assert.match(s.text, /return a\b/);
});

test('bindings that use nothing broken are kept, and the return that uses one of them too', () => {
  const text = [
    'mesh tpu = tpu_v3 [x = 2]',
    'dim B = 4',
    'model m(a: f32[B]) -> f32[B] on tpu {',
    '  h = relu(nope)',
    '  g = relu(h)',
    '  k = relu(a)',
    '  return k',
    '}',
    '',
  ].join('\n');
  const s = salvage(text, runAnalysis(text, false), false);
  assert.ok(s?.analysis.front.module);
  assert.doesNotMatch(s.text, /h = relu/);
  assert.doesNotMatch(s.text, /g = relu/, 'g used the broken h');
  assert.match(s.text, /k = relu\(a\)/, 'k uses nothing broken');
  assert.match(s.text, /return k/);
});
