// The search against brute force: on small models priced by the real pipeline and cost model, the beam finds
// the optimum every combination finds; on a made-up price with an interaction, a beam of one misses it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchProblem } from '../../src/suggest/suggest.js';
import { beamSearch, bruteForce, type Plan, type SearchSpace } from '../../src/suggest/search.js';
import type { Choice } from '../../src/suggest/choices.js';
import type { Evaluation } from '../../src/suggest/evaluate.js';

const MLP_1D = `mesh m = tpu_v3 [x = 4]
dim B = 8
dim M = 16
dim H = 32
model mlp(x: f32[B, M]) -> f32[B, M] on m {
  param w1: f32[M, H]
  param w2: f32[H, M]
  return einsum("BH,HM->BM", relu(einsum("BM,MH->BH", x, w1)), w2)
}
`;

const BLOCKS_2D = `mesh m = tpu_v3 [data = 2, model = 2]
dim B = 4
dim M = 8
dim H = 16
layer block(x: f32[B, M]) -> f32[B, M] {
  param w1: f32[M, H]
  param w2: f32[H, M]
  return x + einsum("BH,HM->BM", relu(einsum("BM,MH->BH", x, w1)), w2)
}
model blocks(x: f32[B, M]) -> f32[B, M] on m {
  return repeat 2 block(x)
}
`;

function problemOf(text: string, train: boolean, perSite?: number) {
  const p = searchProblem(text, { train });
  assert.ok(!('error' in p), 'error' in p ? p.error : '');
  const choices = new Map([...p.space.choices].map(([k, cs]) => [k, perSite ? cs.slice(0, perSite) : cs]));
  return { ...p, space: { sites: p.space.sites, choices } satisfies SearchSpace };
}

for (const [name, text, train, perSite] of [
  ['a 1-D MLP, forward', MLP_1D, false, undefined],
  ['a 1-D MLP, training', MLP_1D, true, undefined],
  ['two 2-D blocks, forward (first 4 choices per site)', BLOCKS_2D, false, 4],
] as const) {
  test(`beam search finds brute force's optimum: ${name}`, () => {
    const p = problemOf(text, train, perSite);
    const price = (plan: Plan) => p.rank(plan);
    const brute = bruteForce(p.space, price);
    const beam = beamSearch(p.space, price, 2);
    const all = p.space.sites.reduce((n, k) => n * (p.space.choices.get(k)?.length ?? 1), 1);
    assert.equal(brute.priced, all, 'brute force prices every combination');
    assert.ok(beam.priced < all, `the beam prices fewer (${beam.priced} of ${all})`);
    const best = brute.ranked[0];
    const found = beam.ranked[0];
    assert.ok(best && found);
    assert.equal(found.evaluation.stepSeconds, best.evaluation.stepSeconds);
    assert.equal(found.evaluation.signature, best.evaluation.signature, 'the same SPMD program');
  });
}

// A made-up price: choice b of each site is worse alone, but both b together are best.
const A: Choice = [null];
const B: Choice = ['x'];
const fake = (plan: Plan): Evaluation => {
  const s1 = plan.get('s1') === B;
  const s2 = plan.get('s2') === B;
  const step = s1 && s2 ? 1 : s1 ? 5 : s2 ? 4 : plan.has('s2') ? 3 : 2;
  return { ok: true, stepSeconds: step, hbmBytesPerDevice: 0, fits: true, remat: false, computeSeconds: step,
    collectives: [], signature: `${plan.get('s1') === B ? 'b' : 'a'}${plan.get('s2') === B ? 'b' : 'a'}${plan.size}` };
};

test('a beam of one can miss an optimum that needs two choices together; brute force and a wider beam find it', () => {
  const space: SearchSpace = { sites: ['s1', 's2'], choices: new Map([['s1', [A, B]], ['s2', [A, B]]]) };
  const brute = bruteForce(space, fake);
  assert.equal(brute.ranked[0]?.evaluation.stepSeconds, 1);
  assert.equal(beamSearch(space, fake, 1).ranked[0]?.evaluation.stepSeconds, 3, 'greedy keeps s1 = a');
  assert.equal(beamSearch(space, fake, 2).ranked[0]?.evaluation.stepSeconds, 1);
});
