// The caveat of top-2 gating in a causal LM: second choices queue after all first choices of a
// group, so a later token can take the slot an earlier token's second expert would have had.
// Attention alone is causal (llama-block.test.ts); the MoE FFN of moe_decoder_lm is not exactly.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpret } from '../../src/exec/interpreter.js';
import { fromArray, get, initBackend } from '../../src/runtime/index.js';
import { compileSource } from './helpers.js';

// One group of two tokens, two experts, capacity one slot per expert.
const SRC = `mesh m = [x = 1]
dim G = 1
dim S = 2
dim E = 2
dim C = 1
model gate(logits: f32[G, S, E]) -> f32[G, S, E, C] on m {
  combine, dispatch, aux = top2_gating(logits, E, C)
  return combine
}
`;

describe('top-2 gating in a causal model', () => {
  before(async () => { await initBackend(); });

  it('a later token changes an earlier token\'s second expert (positions of second choices follow all first choices)', () => {
    const { global } = compileSource(SRC);
    const run = (later: number[]) => interpret(global, new Map([
      // token 0 prefers expert 0, then expert 1; token 1's preference is the variable
      ['logits', fromArray('f32', ['G', 'S', 'E'], [1, 2, 2], [2, 1, ...later])],
    ]))[0]!;
    const second = (c: ReturnType<typeof run>) => get(c, { G: 0, S: 0, E: 1, C: 0 });
    // token 1 prefers expert 1: its first choice takes expert 1's only slot before token 0's second choice
    const a = run([0, 3]);
    assert.equal(second(a), 0, 'token 0 loses its second expert');
    // token 1 prefers expert 0 instead: expert 1's slot is free for token 0's second choice
    const b = run([3, 0]);
    assert.ok(second(b) > 0, 'token 0 keeps its second expert');
    // token 0's first expert is the same in both runs
    assert.ok(get(a, { G: 0, S: 0, E: 0, C: 0 }) > 0 && get(b, { G: 0, S: 0, E: 0, C: 0 }) > 0);
  });
});
