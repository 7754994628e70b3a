// parse() takes clean texts item by item (parseByItems); this holds that path to the whole-file
// parse: the same AST, spans and comments for every valid text, and no answer at all (so the
// whole-file parse reports) for any text with a problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { itemCuts } from '../src/item-cuts.js';
import { parse, parseByItems, parseWhole } from '../src/parse.js';
import { at, examplesDir, prng } from './helpers.js';

const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.gshard')).map(
  (f) => readFileSync(new URL(f, examplesDir), 'utf8'),
);
const errorExamples = readdirSync(new URL('errors/', examplesDir)).map(
  (f) => readFileSync(new URL(`errors/${f}`, examplesDir), 'utf8'),
);

const json = (x: unknown) => JSON.stringify(x);

function assertSameAsWhole(text: string, label: string): void {
  const byItems = parseByItems(text);
  const whole = parseWhole(text);
  if (whole.diagnostics.length > 0) {
    assert.equal(byItems, undefined, `${label}: a text with diagnostics must go to the whole-file parse`);
    return;
  }
  if (byItems === undefined) return; // not cut (fewer than two items): parse() uses the whole-file parse
  assert.equal(
    json(byItems.program), json(whole.program), `${label}: item-by-item AST differs from the whole-file AST`,
  );
  assert.deepEqual(byItems.diagnostics, []);
}

test('every valid example parses to the same AST item by item, and is cut', () => {
  for (const [i, text] of examples.entries()) {
    assert.notEqual(parseByItems(text), undefined, `example ${i} was not parsed item by item`);
    assertSameAsWhole(text, `example ${i}`);
    for (const eol of ['\r\n', '\r']) {
      assertSameAsWhole(text.replace(/\n/g, eol), `example ${i} with ${JSON.stringify(eol)}`);
    }
  }
});

test('texts with problems never take the item-by-item path', () => {
  for (const [i, text] of errorExamples.entries()) {
    assertSameAsWhole(text, `error example ${i}`);
    assert.equal(json(parse(text)), json(parseWhole(text)), `error example ${i}`);
  }
});

test('shuffled, commented and damaged item sequences agree with the whole-file parse', () => {
  const items = examples.flatMap((text) => {
    const cuts = itemCuts(text);
    return cuts.map((c, k) => text.slice(c, cuts[k + 1] ?? text.length));
  });
  const junk = [
    '// model layer dim mesh\n', '/* { ( [ model */', '"layer {"', ' ', '\n\n', '}', '(', 'model', 'dim',
    '"unterminated\n', '/* open', '\u00e9', '😀', '@',
  ];
  const random = prng(20261130);
  const pick = <T>(xs: readonly T[]) => at(xs, Math.floor(random() * xs.length));
  let cutCases = 0;
  for (let n = 0; n < 300; n++) {
    const parts: string[] = [];
    const count = 2 + Math.floor(random() * 6);
    for (let k = 0; k < count; k++) {
      parts.push(pick(items));
      if (random() < 0.3) parts.push(pick(junk));
    }
    let text = parts.join(random() < 0.5 ? '\n' : ' ');
    if (random() < 0.2) {
      const at = Math.floor(random() * text.length);
      text = text.slice(0, at) + pick(junk) + text.slice(at);
    }
    assertSameAsWhole(text, `case ${n}`);
    if (parseByItems(text) !== undefined) cutCases++;
  }
  assert.ok(cutCases > 50, `only ${cutCases} of 300 generated texts took the item-by-item path`);
});

test('cuts fall before top-level item keywords only', () => {
  const text = 'dim A = 1 // dim B = 2\n/* model */ mesh m = tpu_v3 [model = 2]\n'
    + 'layer f(x: f32[A]) -> f32[A] { y = "model" return x }\nmodel g(x: f32[A]) { return f(x) }';
  assert.deepEqual(itemCuts(text).map((c) => text.slice(c, c + 5)), ['mesh ', 'layer', 'model']);
  assert.deepEqual(itemCuts('dims = 1\nmodels\nxdim'), []);
  assert.deepEqual(itemCuts('dim A = 1 }\ndim B = 2'), [], 'unbalanced brackets: not cut');
});
