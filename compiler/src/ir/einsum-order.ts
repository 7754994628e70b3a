// The contraction order the lowering chose for an einsum of three or more operands, carried on the
// module so the cost model, explain and the editor report the order the IR uses without re-deriving it.

import type { Span } from '@gshard/grammar';

/** One pairwise einsum of the chain: IR value names of its operands and result, its subscripts and FLOPs. */
export interface EinsumOrderStep {
  readonly a: string;
  readonly b: string;
  readonly result: string;
  readonly inputs: readonly [readonly string[], readonly string[]];
  readonly output: readonly string[];
  /** Global FLOPs of this step (ops/einsum-flops.ts). */
  readonly flops: number;
}

export interface EinsumOrder {
  /** The source call. */
  readonly span: Span;
  /** The subscripts as written, normalised (`BLM,MNK,NKH,H->BL`). */
  readonly spec: string;
  /** IR value names of the operands, as written. */
  readonly operands: readonly string[];
  /** IR value name of the einsum's result (the last step's). */
  readonly result: string;
  readonly steps: readonly EinsumOrderStep[];
  /** Global FLOPs of the chosen order (the steps' sum). */
  readonly flops: number;
  /** Global FLOPs of contracting left to right as written. */
  readonly leftToRightFlops: number;
  /** Global FLOPs of the dearest pairing; known when every pairing was searched. */
  readonly worstFlops?: number;
  /** How the order was found: every pairing searched, or the greedy search for many operands. */
  readonly search: 'exhaustive' | 'greedy';
}

/** Subscripts as text: one letter per dim run together when every name is one letter, else spaced. */
export function einsumSpecText(inputs: readonly (readonly string[])[], output: readonly string[]): string {
  const short = [...inputs, output].every((t) => t.every((d) => d.length === 1));
  const term = (t: readonly string[]) => t.join(short ? '' : ' ');
  return `${inputs.map(term).join(short ? ',' : ', ')}${short ? '->' : ' -> '}${term(output)}`;
}

/** One step as text: `(a·b)->t [BLM,MH->BLH]`, names through `name` (IR names to what a user reads). */
export function stepText(step: EinsumOrderStep, name: (irName: string) => string): string {
  return `(${name(step.a)}·${name(step.b)})->${name(step.result)} [${einsumSpecText(step.inputs, step.output)}]`;
}

/** The whole order on one line: `(b·c)->y.pair0 [NKH,H->NK], (a·y.pair0)->y [MNK,NK->M]`. */
export function orderText(order: EinsumOrder, name: (irName: string) => string): string {
  return order.steps.map((s) => stepText(s, name)).join(', ');
}

/** `1792 FLOPs; left to right as written 26624 (14.9x); worst pairing 30720`: the choice and what it saved. */
export function orderCostText(
  order: Pick<EinsumOrder, 'flops' | 'leftToRightFlops' | 'worstFlops' | 'search'>): string {
  const ratio = (f: number) => (order.flops > 0 ? ` (${(f / order.flops).toFixed(1)}x)` : '');
  return `${order.flops} FLOPs; left to right as written ${order.leftToRightFlops}${ratio(order.leftToRightFlops)}`
    + (order.worstFlops !== undefined ? `; worst pairing ${order.worstFlops}${ratio(order.worstFlops)}` : '')
    + (order.search === 'greedy' ? ' (greedy search: too many operands to try every pairing)' : '');
}
