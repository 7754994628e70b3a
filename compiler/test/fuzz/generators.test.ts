// The fuzzer's own generators: valid programs really are valid (else the fuzzer tests only error
// paths), reach propagation, and the rough tokenizer the mutators use is lossless.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, Stage } from '../../src/analysis.js';
import { validPrograms, inputsOfChunk, inputAt, CHUNK } from './inputs.js';
import { roughTokens, mutate, hostile } from './mutate.js';
import { randFromGen } from './gen-program.js';
import { minimize } from './minimize.js';

test('generated valid programs check without errors and reach propagation', () => {
  const programs = validPrograms(7, 150);
  const broken: string[] = [];
  let propagated = 0;
  for (const text of programs) {
    const a = analyze(text);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !a.front.module) broken.push(`${errors.map((d) => `${d.code} at ${d.span.start.line}:${d.span.start.col}: ${d.message}`).join('\n')}\n${text}`);
    if (a.stage >= Stage.Propagated) propagated++;
  }
  assert.deepEqual(broken.slice(0, 3), [], `${broken.length} of ${programs.length} generated programs have errors`);
  assert.ok(propagated > 0);
});

test('the rough tokenizer keeps every character', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => roughTokens(s).join('') === s), { seed: 3, numRuns: 300 });
  for (const text of validPrograms(11, 20)) assert.equal(roughTokens(text).join(''), text);
});

test('mutations change valid programs and hostile inputs are produced for every kind', () => {
  const [base] = validPrograms(5, 1);
  const samples = fc.sample(fc.gen().map((g) => mutate(base!, randFromGen(g))), { seed: 9, numRuns: 200 });
  const changed = samples.filter((m) => m.text !== base).length;
  assert.ok(changed > 150, `only ${changed} of 200 mutations changed the text`);
  const kinds = new Set(fc.sample(fc.gen().map((g) => hostile(randFromGen(g)).how.replace(/[\d"]+/g, '').slice(0, 12)), { seed: 9, numRuns: 300 }));
  assert.ok(kinds.size >= 10, `hostile kinds seen: ${[...kinds].join(' | ')}`);
});

test('input i of a seed is reproducible on its own', () => {
  const chunk = inputsOfChunk(42, 3);
  assert.equal(inputAt(42, 3 * CHUNK + 17).text, chunk[17]!.text);
  assert.equal(inputAt(42, 3 * CHUNK + 17).text, inputAt(42, 3 * CHUNK + 17).text);
});

test('minimize keeps the failure and shrinks the input', async () => {
  const text = 'aaaa\nbbbb\nxyz BUG here\ncccc\n';
  const small = await minimize(text, async (t) => t.includes('BUG'));
  assert.equal(small, 'BUG');
});
