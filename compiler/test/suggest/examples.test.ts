// The done-when checks on the examples, from files with every annotation removed: the MoE Transformer's plan
// is at least as good as GShard's own annotations by the cost model, and the Megatron-style Llama block's plan
// has no more collectives than the hand-written one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggest } from '../../src/suggest/suggest.js';
import { evaluateText } from '../../src/suggest/evaluate.js';
import { examplePath, readText } from '../helpers/repo.js';
import { stripAnnotations } from './strip.js';

test('moe_transformer without annotations: the best plan costs no more than GShard\'s annotations', () => {
  const written = readText(examplePath('moe_transformer.gshard'));
  const bare = stripAnnotations(written);
  assert.doesNotMatch(bare, /@/, 'every annotation removed');
  const gshard = evaluateText(written, { train: false });
  const s = suggest(bare, { train: false });
  const best = s.plans[0];
  assert.ok(best, s.error ?? 'a plan');
  assert.ok(best.stepSeconds <= gshard.stepSeconds, `${best.stepSeconds} <= ${gshard.stepSeconds}`);
  assert.ok(best.annotations.length > 0 && best.annotations.length <= 4, 'a handful of annotations');
  // The plan is a file that compiles as it is, and its text is the file plus annotations only.
  assert.equal(best.text.replace(/ @ \[[^\]]*\]/g, ''), bare);
  assert.ok(evaluateText(best.text, { train: false }).ok);
});

test('llama_block without annotations on data=2, model=4: no more collectives than the Megatron plan', () => {
  const written = readText(examplePath('llama_block.gshard'));
  const megatron = evaluateText(written, { train: false });
  assert.equal(megatron.collectives.length, 4, 'two all-reduces per block, two blocks');
  const s = suggest(stripAnnotations(written), { train: false });
  const best = s.plans[0];
  assert.ok(best, s.error ?? 'a plan');
  assert.ok(best.collectives <= megatron.collectives.length);
  assert.ok(best.stepSeconds <= megatron.stepSeconds, `${best.stepSeconds} <= ${megatron.stepSeconds}`);
});
