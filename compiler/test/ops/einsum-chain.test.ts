// n-ary einsum: three or more operands contracted pairwise in the order of fewest FLOPs (every
// pairing searched up to 10 operands, checked here against brute force), noted as an info diagnostic,
// emitted as `.pair<k>` einsums, and equal on the simulated mesh.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { runModel } from '../../src/exec/run-model.js';
import { printModule } from '../../src/ir/printer.js';
import {
  contractionOrder, EXHAUSTIVE_MAX_OPERANDS, greedyOrder, writtenOrderFlops, type PairStep,
} from '../../src/lower/einsum-chain.js';
import { einsumFlopsOf } from '../../src/ops/einsum-flops.js';
import { mulberry32 } from '../../src/exec/prng.js';
import { compileSource, failureText } from '../exec/helpers.js';

const SRC = `mesh m = [x = 4, y = 2]
dim B = 8
dim L = 4
dim M = 16
dim N = 2
dim K = 4
dim H = 32
model chain(x: f32[B, L, M] @ [x, _, _], a: f32[M, N, K] @ [_, y, _], b: f32[N, K, H] @ [y, _, _], c: f32[H] @ [_]) -> f32[B, L] on m {
  y = einsum("BLM,MNK,NKH,H->BL", x, a, b, c)
  return y
}
`;

const SIZES: Record<string, number> = { B: 8, L: 4, M: 16, N: 2, K: 4, H: 32 };
const sizeOf = (sizes: Record<string, number>) => (d: string) => {
  const s = sizes[d];
  if (s === undefined) throw new Error(`no size for ${d}`);
  return s;
};

type Terms = readonly (readonly string[])[];

/** Every sequence of pairs, by brute force: the least and the most FLOPs (each pair by einsumFlopsOf). */
function bruteForce(terms: Terms, output: readonly string[], size: (d: string) => number): [number, number] {
  if (terms.length === 1) return [0, 0];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < terms.length; i++) {
    for (let j = i + 1; j < terms.length; j++) {
      const rest = terms.filter((_, k) => k !== i && k !== j);
      const both = [...new Set([...terms[i]!, ...terms[j]!])]; // i, j < terms.length
      const needed = new Set([...output, ...rest.flat()]);
      const out = rest.length === 0 ? [...output] : both.filter((d) => needed.has(d));
      const pair = einsumFlopsOf([terms[i]!, terms[j]!], out, size); // i, j < terms.length
      const [l, h] = bruteForce([...rest, out], output, size);
      lo = Math.min(lo, pair + l);
      hi = Math.max(hi, pair + h);
    }
  }
  return [lo, hi];
}

/** The steps contract every term exactly once, each a real pair, and end in the output. */
function assertValidSteps(steps: readonly PairStep[], n: number, output: readonly string[]): void {
  const used = new Set<number>();
  steps.forEach((s, k) => {
    for (const t of [s.a, s.b]) {
      assert.ok(t < n + k, `step ${k} uses term ${t} before it exists`);
      assert.ok(!used.has(t), `term ${t} used twice`);
      used.add(t);
    }
  });
  assert.equal(steps.length, n - 1);
  assert.deepEqual(steps.at(-1)?.out, [...output]);
}

describe('n-ary einsum contraction order', () => {
  it('finds the fewest FLOPs of every pairing, and the most (brute force over 300 random einsums)', () => {
    const rand = mulberry32(17);
    const letters = 'ABCDEFG';
    for (let t = 0; t < 300; t++) {
      const n = 3 + Math.floor(rand() * 3);
      const sizes: Record<string, number> = {};
      for (const l of letters) sizes[l] = [2, 3, 8, 16, 64][Math.floor(rand() * 5)]!; // index < 5
      const inputs: string[][] = [];
      for (let i = 0; i < n; i++) {
        const dims = [...letters].filter(() => rand() < 0.4);
        inputs.push(dims.length ? dims : [letters[i]!]); // i < n <= 5 < 7 letters
      }
      const output = [...new Set(inputs.flat())].filter(() => rand() < 0.35);
      const size = sizeOf(sizes);
      const order = contractionOrder(inputs, output, size);
      const [lo, hi] = bruteForce(inputs, output, size);
      const what = `${inputs.map((x) => x.join('')).join(',')}->${output.join('')}`;
      assert.equal(order.search, 'exhaustive');
      assert.equal(order.flops, lo, `minimum of ${what}`);
      assert.equal(order.worstFlops, hi, `maximum of ${what}`);
      assert.equal(order.steps.reduce((c, s) => c + s.flops, 0), order.flops, `steps of ${what} sum to the FLOPs`);
      assertValidSteps(order.steps, n, output);
    }
  });

  it('beats the greedy cheapest-pair-first order where that order starts with a cheap outer product', () => {
    // x: [B, C], w: [A, D], core: [C, D, E]. Greedy takes x·w first (an outer product, the cheapest pair)
    // and then pays B·C·A·D·E; contracting w with the core first costs 5.4x less.
    const inputs = [['B', 'C'], ['A', 'D'], ['C', 'D', 'E']];
    const size = sizeOf({ B: 16, C: 256, A: 4, D: 8, E: 256 });
    const best = contractionOrder(inputs, ['B', 'A', 'E'], size);
    assert.deepEqual(best.steps.map((s) => [s.a, s.b, s.out.join(''), s.flops]), [
      [1, 2, 'ACE', 2 * 4 * 8 * 256 * 256], [0, 3, 'BAE', 2 * 16 * 256 * 4 * 256],
    ]);
    const greedy = greedyOrder(inputs, ['B', 'A', 'E'], size);
    assert.deepEqual(greedy.steps.map((s) => [s.a, s.b, s.out.join('')]), [[0, 1, 'BCAD'], [2, 3, 'BAE']]);
    // the outer product is a multiply per element (1 FLOP), the contraction a multiply-add (2)
    assert.equal(greedy.flops, 16 * 256 * 4 * 8 + 2 * 16 * 256 * 4 * 8 * 256);
    assert.ok(greedy.flops > 5 * best.flops);
    assert.equal(writtenOrderFlops(inputs, ['B', 'A', 'E'], size), greedy.flops);
  });

  it('on the 4-operand chain: 1792 FLOPs, against 26624 left to right', () => {
    const inputs = [['B', 'L', 'M'], ['M', 'N', 'K'], ['N', 'K', 'H'], ['H']];
    const order = contractionOrder(inputs, ['B', 'L'], sizeOf(SIZES));
    assert.deepEqual(order.steps.map((s) => [s.a, s.b, s.out.join(''), s.flops]), [
      [2, 3, 'NK', 2 * 2 * 4 * 32], [1, 4, 'M', 2 * 16 * 2 * 4], [0, 5, 'BL', 2 * 8 * 4 * 16],
    ]);
    assert.equal(writtenOrderFlops(inputs, ['B', 'L'], sizeOf(SIZES)),
      2 * (8 * 4 * 16 * 2 * 4 + 8 * 4 * 2 * 4 * 32 + 8 * 4 * 32));
  });

  it(`searches greedily above ${EXHAUSTIVE_MAX_OPERANDS} operands, still a valid order`, () => {
    // A chain of matrices A0 A1 ... A11: the operands i and i+1 share dim i+1.
    const n = EXHAUSTIVE_MAX_OPERANDS + 2;
    const dims = 'abcdefghijklmn';
    const inputs = [...Array(n).keys()].map((i) => [dims[i]!, dims[i + 1]!]); // i + 1 <= n < 14
    const size = (d: string) => 2 + dims.indexOf(d);
    const order = contractionOrder(inputs, ['a', dims[n]!], size); // n < 14
    assert.equal(order.search, 'greedy');
    assert.equal(order.worstFlops, undefined);
    assertValidSteps(order.steps, n, ['a', dims[n]!]); // n < 14
    const small = contractionOrder(inputs.slice(0, EXHAUSTIVE_MAX_OPERANDS), ['a', dims[10]!], size);
    assert.equal(small.search, 'exhaustive');
  });
});

describe('n-ary einsum lowering', () => {
  it('lowers to two-operand einsums named <result>.pair<k>, with an info note giving the order and FLOPs', () => {
    const fe = frontend(SRC);
    const notes = fe.diagnostics.filter((d) => d.code === 'shape-einsum-order');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.severity, 'info');
    assert.equal(notes[0]?.message, 'einsum of 4 operands, contracted pairwise as (b·c)->y.pair0 [NKH,H->NK], '
      + '(a·y.pair0)->y.pair1 [MNK,NK->M], (x·y.pair1)->y [BLM,M->BL]: 1792 FLOPs; left to right as written 26624 '
      + '(14.9x); worst pairing 401408 (224.0x).');
    assert.ok(fe.module);
    const text = printModule(fe.module);
    assert.match(text, /%y\.pair0: f32\[N=2, K=4\] = einsum\(%b, %c\)/);
    assert.match(text, /%y\.pair1: f32\[M=16\] = einsum\(%a, %y\.pair0\)/);
    assert.match(text, /%y: f32\[B=8, L=4\] = einsum\(%x, %y\.pair1\)/);
  });

  it('runs on the simulated mesh (a contracted dim split) equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    const report = await runModel(global, local);
    assert.ok(report.equal, failureText(report));
  });

  it('names the operand whose dims do not match its subscripts', () => {
    const bad = frontend(SRC.replace('"BLM,MNK,NKH,H->BL"', '"BLM,MKN,NKH,H->BL"'));
    const e = bad.diagnostics.find((d) => d.severity === 'error');
    assert.equal(e?.code, 'shape-einsum');
    assert.match(e?.message ?? '', /einsum operand 2 has dims \[M, N, K\] but the subscripts say \[M, K, N\]/);
  });
});
