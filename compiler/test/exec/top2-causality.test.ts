// The caveat of top-2 gating in a causal LM: second choices queue after all first choices of a
// group, so a later token can take the slot an earlier token's second expert would have had.
// Attention alone is causal (llama-block.test.ts); the MoE FFN of moe_decoder_lm is not exactly.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpret } from '../../src/exec/interpreter.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { nodeIO, type CliIO } from '../../src/cli/io.js';
import { fromArray, get, initBackend, readNpy, writeNpy, type NDArray } from '../../src/runtime/index.js';
import { compileSource } from './helpers.js';

const LM = fileURLToPath(new URL('../../../../examples/moe_decoder_lm.gshard', import.meta.url));
const quiet: CliIO = { ...nodeIO, out: () => {}, err: () => {}, color: false };

/** Per sequence b, the largest |a - b| of the logits over positions l < `before`. */
function earlierDiffs(a: NDArray, b: NDArray, before: number): number[] {
  const [B, , V] = a.shape as [number, number, number];
  const out: number[] = [];
  for (let i = 0; i < B; i++) {
    let worst = 0;
    for (let l = 0; l < before; l++) {
      for (let v = 0; v < V; v++) {
        const at = { B: i, L: l, V: v };
        worst = Math.max(worst, Math.abs(get(a, at) - get(b, at)));
      }
    }
    out.push(worst);
  }
  return out;
}

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

  it('through the whole MoE LM (run --inputs): later tokens change some earlier positions\' logits', async () => {
    // Each sequence of moe_decoder_lm is one MoE group (S = L = 16, C = 4 slots per expert), so the
    // last tokens' first choices can take slots that earlier tokens' second choices had.
    const dir = mkdtempSync(join(tmpdir(), 'gshard-top2-lm-'));
    const first = join(dir, 'first');
    assert.equal(await runCommand([LM, '--workers', '0', '--seed', '5', '--save', first], quiet), 0);
    const changed = join(dir, 'changed');
    cpSync(first, changed, { recursive: true });
    const tokens = readNpy(join(first, 'inputs/tokens.npy'), ['B', 'L']);
    const [, L, V] = [...tokens.shape, 64] as [number, number, number];
    const from = 12;
    const data = Int32Array.from(tokens.data, (t, i) => (i % L >= from ? (t + 17) % V : t));
    writeNpy(join(changed, 'inputs/tokens.npy'), { ...tokens, data });
    const second = join(dir, 'second');
    assert.equal(await runCommand([LM, '--workers', '0', '--inputs', changed, '--save', second], quiet), 0);
    for (const which of ['outputs', 'reference']) {
      const a = readNpy(join(first, `${which}/logits.npy`), ['B', 'L', 'V']);
      const b = readNpy(join(second, `${which}/logits.npy`), ['B', 'L', 'V']);
      const diffs = earlierDiffs(a, b, from);
      // Attention is causal, so only the MoE FFN can do this: in some sequences an earlier token lost
      // (or won) a second expert; the others are exactly unchanged before position 12.
      const moved = diffs.filter((d) => d > 1e-4).length;
      const shown = diffs.map((d) => d.toExponential(1)).join(', ');
      if (process.env['SHOW_TOP2_LM']) console.log(which, shown);
      assert.ok(moved > 0, `${which}: some sequence changed before position ${from} (${shown})`);
      assert.ok(diffs.some((d) => d === 0), `${which}: some sequence did not (${shown})`);
    }
  });
});
