// n-ary einsum: three or more operands contracted pairwise, in the order a greedy search picks
// (cheapest pair first, by the multiply-adds of the pair's einsum, as opt_einsum's greedy does).
// Each step is a two-operand einsum named `<result>.pair<k>`, so explain and cost report the order.

import type { Value } from '../ir/module.js';
import { at, must } from '../util/checked.js';

export interface Term {
  readonly dims: readonly string[];
  readonly value: Value;
}

export interface PairStep {
  readonly a: number;
  readonly b: number;
  /** The dims the pair's result keeps: used by a later operand or by the output. */
  readonly out: readonly string[];
  /** Multiply-adds: the product of the sizes of every dim of the pair. */
  readonly cost: number;
}

/** The dims of a pair's result: those of a or b still needed by another term or the output, in order. */
function kept(terms: readonly (readonly string[])[], i: number, j: number, output: readonly string[]): string[] {
  const needed = new Set(output);
  terms.forEach((t, k) => { if (k !== i && k !== j) for (const d of t) needed.add(d); });
  const out: string[] = [];
  for (const d of [...at(terms, i, 'terms'), ...at(terms, j, 'terms')]) {
    if (needed.has(d) && !out.includes(d)) out.push(d);
  }
  return out;
}

/**
 * The greedy contraction order: at each step the pair with the fewest multiply-adds (ties: the
 * smaller result, then the earlier pair). Terms are replaced by the pair's result at the end of
 * the list. Pure: sizes by dim name.
 */
export function greedyOrder(inputs: readonly (readonly string[])[], output: readonly string[],
  size: (dim: string) => number): PairStep[] {
  const terms = inputs.map((t) => [...t]);
  const steps: PairStep[] = [];
  while (terms.length > 1) {
    let best: (PairStep & { resultSize: number }) | undefined;
    for (let i = 0; i < terms.length; i++) {
      for (let j = i + 1; j < terms.length; j++) {
        const out = terms.length === 2 ? [...output] : kept(terms, i, j, output);
        const all = new Set([...at(terms, i, 'terms'), ...at(terms, j, 'terms')]);
        const cost = [...all].reduce((p, d) => p * size(d), 1);
        const resultSize = out.reduce((p, d) => p * size(d), 1);
        if (!best || cost < best.cost || (cost === best.cost && resultSize < best.resultSize)) {
          best = { a: i, b: j, out, cost, resultSize };
        }
      }
    }
    const { a, b, out, cost } = must(best, 'two or more terms make at least one pair');
    steps.push({ a, b, out, cost });
    terms.splice(b, 1);
    terms.splice(a, 1);
    terms.push([...out]);
  }
  return steps;
}

/** Multiply-adds of contracting left to right, as written (for the comparison in the note). */
export function writtenOrderCost(inputs: readonly (readonly string[])[], output: readonly string[],
  size: (dim: string) => number): number {
  let acc = [...at(inputs, 0, 'einsum operands')];
  let total = 0;
  for (let k = 1; k < inputs.length; k++) {
    const rest = inputs.slice(k + 1);
    const all = [...new Set([...acc, ...at(inputs, k, 'einsum operands')])];
    total += all.reduce((p, d) => p * size(d), 1);
    const needed = new Set([...output, ...rest.flat()]);
    acc = all.filter((d) => needed.has(d));
  }
  return total;
}
