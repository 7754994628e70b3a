// n-ary einsum: the pairwise contraction order of three or more operands with the fewest FLOPs (each step's
// by ops/einsum-flops.ts), found exhaustively (dynamic programming over subsets of operands) up to
// EXHAUSTIVE_MAX_OPERANDS, greedily above.

import { at, must } from '../util/checked.js';
import { andWords, DimSets, orWords } from './dim-sets.js';
import { einsumFlopsOf, flopsOfParts } from '../ops/einsum-flops.js';

/** Up to this many operands every pairing is searched (3^n subset pairs: 59,049 at 10); above, greedy. */
export const EXHAUSTIVE_MAX_OPERANDS = 10;

export interface PairStep {
  /** Terms: 0 .. n-1 are the operands as written, n + k the result of step k. */
  readonly a: number;
  readonly b: number;
  /** The dims the pair's result keeps: used by a later term or by the output (the output's order at the end). */
  readonly out: readonly string[];
  /** FLOPs of the pair's einsum (ops/einsum-flops.ts). */
  readonly flops: number;
}

export interface ContractionOrder {
  readonly steps: readonly PairStep[];
  /** FLOPs of all steps. */
  readonly flops: number;
  /** 'exhaustive': the minimum over every pairing; 'greedy': cheapest pair first (too many operands to search). */
  readonly search: 'exhaustive' | 'greedy';
  /** With the exhaustive search: the FLOPs of the dearest pairing, to judge the choice by. */
  readonly worstFlops?: number;
}

export type Size = (dim: string) => number;

const product = (dims: Iterable<string>, size: Size) => {
  let p = 1;
  for (const d of dims) p *= size(d);
  return p;
};

/** The dims of a then b, each once, that `needed` keeps. */
function keptDims(a: readonly string[], b: readonly string[], needed: (d: string) => boolean): string[] {
  const out: string[] = [];
  for (const d of [...a, ...b]) if (needed(d) && !out.includes(d)) out.push(d);
  return out;
}

/** The order with the fewest FLOPs (ties: fewer intermediate elements, then the first pairing found). */
export function contractionOrder(inputs: readonly (readonly string[])[], output: readonly string[],
  size: Size): ContractionOrder {
  return inputs.length <= EXHAUSTIVE_MAX_OPERANDS ? exhaustiveOrder(inputs, output, size)
    : greedyOrder(inputs, output, size);
}

interface Best {
  readonly flops: number;
  /** Elements of the intermediate results, the tie-break. */
  readonly elems: number;
  /** The part holding the lowest operand of the subset; the rest is the other part. */
  readonly split: number;
}

/**
 * Dynamic programming over subsets: a subset's cheapest contraction is, over every split into two
 * parts, the parts' cheapest contractions plus one pair. A subset's result keeps the dims some operand
 * outside it or the output needs, so it does not depend on how the subset was contracted.
 */
function exhaustiveOrder(inputs: readonly (readonly string[])[], output: readonly string[],
  size: Size): ContractionOrder {
  const n = inputs.length;
  const full = (1 << n) - 1;
  const sets = new DimSets([...inputs.flat(), ...output], size);
  const outMask = sets.of(output);
  // union[s]: every dim of the operands in s; held[s]: the dims of s's result (the operand itself for one).
  const union: Uint32Array[] = [new Uint32Array(sets.words)];
  for (let s = 1; s <= full; s++) {
    const low = s & -s;
    union[s] = orWords(union[s ^ low] ?? new Uint32Array(sets.words), sets.of(at(inputs, Math.log2(low), 'inputs')));
  }
  const held: Uint32Array[] = [];
  for (let s = 1; s <= full; s++) {
    const own = must(union[s], 'every subset');
    held[s] = (s & (s - 1)) === 0 ? own
      : s === full ? outMask : andWords(own, orWords(outMask, must(union[full ^ s], 'every subset')));
  }
  const best: (Best | undefined)[] = new Array<Best | undefined>(full + 1);
  const worst: number[] = new Array<number>(full + 1).fill(0);
  for (let i = 0; i < n; i++) best[1 << i] = { flops: 0, elems: 0, split: 0 };
  const none = new Uint32Array(sets.words);
  for (let s = 1; s <= full; s++) {
    if ((s & (s - 1)) === 0) continue;
    const low = s & -s;
    const elemsHere = s === full ? 0 : sets.unionProduct(must(held[s], 'every subset'), none);
    let chosen: Best | undefined;
    // Every part `a` of s that holds its lowest operand (so each split is seen once).
    for (let a = (s - 1) & s; a > 0; a = (a - 1) & s) {
      if (!(a & low)) continue;
      const b = s ^ a;
      const [ba, bb] = [must(best[a], 'smaller subsets come first'), must(best[b], 'smaller subsets come first')];
      // the parts einsumFlopsOf counts, from the masks: a step costs what it gives for the step's dims
      const pair = flopsOfParts(sets.pairParts(must(held[a], 'every subset'), must(held[b], 'every subset'),
        must(held[s], 'every subset')));
      const flops = ba.flops + bb.flops + pair;
      const elems = ba.elems + bb.elems + elemsHere;
      if (!chosen || flops < chosen.flops || (flops === chosen.flops && elems < chosen.elems)) {
        chosen = { flops, elems, split: a };
      }
      worst[s] = Math.max(worst[s] ?? 0, (worst[a] ?? 0) + (worst[b] ?? 0) + pair);
    }
    best[s] = chosen;
  }
  // The steps in post-order: the part with the lowest operand first, then the other, then their pair.
  const steps: PairStep[] = [];
  const emit = (s: number): number => {
    if ((s & (s - 1)) === 0) return Math.log2(s);
    const { split } = must(best[s], 'every subset was solved');
    const a = emit(split);
    const b = emit(s ^ split);
    const [da, db] = [must(termDims(steps, inputs, a), 'term'), must(termDims(steps, inputs, b), 'term')];
    const kept = must(held[s], 'every subset');
    const out = s === full ? [...output] : keptDims(da, db, (d) => sets.has(kept, d));
    steps.push({ a, b, out, flops: einsumFlopsOf([da, db], out, size) });
    return n + steps.length - 1;
  };
  emit(full);
  return {
    steps, flops: must(best[full], 'the full set was solved').flops, search: 'exhaustive', worstFlops: worst[full] ?? 0,
  };
}

/** The dims of term t: an operand as written, or the result of an earlier step. */
function termDims(steps: readonly PairStep[], inputs: readonly (readonly string[])[],
  t: number): readonly string[] | undefined {
  return t < inputs.length ? inputs[t] : steps[t - inputs.length]?.out;
}

/**
 * Cheapest pair first (as opt_einsum's greedy; ties: the smaller result, then the earlier pair), for
 * more operands than the exhaustive search takes.
 */
export function greedyOrder(inputs: readonly (readonly string[])[], output: readonly string[],
  size: Size): ContractionOrder {
  const terms = inputs.map((dims, id) => ({ id, dims: [...dims] }));
  const steps: PairStep[] = [];
  while (terms.length > 1) {
    let best: { i: number; j: number; out: string[]; flops: number; resultSize: number } | undefined;
    for (let i = 0; i < terms.length; i++) {
      for (let j = i + 1; j < terms.length; j++) {
        const needed = new Set(output);
        terms.forEach((t, k) => { if (k !== i && k !== j) for (const d of t.dims) needed.add(d); });
        const [ti, tj] = [at(terms, i, 'terms').dims, at(terms, j, 'terms').dims];
        const out = terms.length === 2 ? [...output] : keptDims(ti, tj, (d) => needed.has(d));
        const flops = einsumFlopsOf([ti, tj], out, size);
        const resultSize = product(out, size);
        if (!best || flops < best.flops || (flops === best.flops && resultSize < best.resultSize)) {
          best = { i, j, out, flops, resultSize };
        }
      }
    }
    const { i, j, out, flops } = must(best, 'two or more terms make at least one pair');
    steps.push({ a: at(terms, i, 'terms').id, b: at(terms, j, 'terms').id, out, flops });
    terms.splice(j, 1);
    terms.splice(i, 1);
    terms.push({ id: inputs.length + steps.length - 1, dims: out });
  }
  return { steps, flops: steps.reduce((c, s) => c + s.flops, 0), search: 'greedy' };
}

/** FLOPs of contracting left to right, as written (the naive order the report compares with). */
export function writtenOrderFlops(inputs: readonly (readonly string[])[], output: readonly string[],
  size: Size): number {
  let acc = [...at(inputs, 0, 'einsum operands')];
  let total = 0;
  for (let k = 1; k < inputs.length; k++) {
    const rest = inputs.slice(k + 1);
    const next = at(inputs, k, 'einsum operands');
    const needed = new Set([...output, ...rest.flat()]);
    const out = rest.length === 0 ? [...output] : [...new Set([...acc, ...next])].filter((d) => needed.has(d));
    total += einsumFlopsOf([acc, next], out, size);
    acc = out;
  }
  return total;
}
