// The fuzz input distribution: valid programs, mutated programs, hostile text, arbitrary strings,
// each labelled; and how to get input i of a campaign with seed s (to reproduce one input alone).

import fc from 'fast-check';
import { ProgramBuilder, randFromGen } from './gen-program.js';
import { hostile, mutate } from './mutate.js';

export interface FuzzInput {
  readonly family: 'valid' | 'mutated' | 'hostile' | 'string';
  readonly how: string;
  readonly text: string;
}

const valid = fc.gen().map((g): FuzzInput => ({ family: 'valid', how: 'generated', text: new ProgramBuilder(randFromGen(g)).build() }));

const mutated = fc.gen().map((g): FuzzInput => {
  const r = randFromGen(g);
  const base = new ProgramBuilder(r).build();
  const m = mutate(base, r);
  return { family: 'mutated', how: m.how, text: m.text };
});

const hostileInput = fc.gen().map((g): FuzzInput => ({ family: 'hostile', ...hostile(randFromGen(g)) }));

const strings = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'mesh dim layer model()[]{}=@,:->?_ x S 1 "\n\r\t/*'.split('')), maxLength: 300 }),
).map((text): FuzzInput => ({ family: 'string', how: 'fc.string', text }));

/** The mix: mostly structured (those reach the deep stages), some noise. */
export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 4, arbitrary: valid },
  { weight: 4, arbitrary: mutated },
  { weight: 1, arbitrary: hostileInput },
  { weight: 1, arbitrary: strings },
);

/** Inputs are drawn in chunks, each chunk from its own seed, so input i is cheap to regenerate. */
export const CHUNK = 100;

export function chunkSeed(seed: number, chunk: number): number {
  return (seed + chunk * 7919) | 0;
}

export function inputsOfChunk(seed: number, chunk: number): FuzzInput[] {
  return fc.sample(fuzzInput, { seed: chunkSeed(seed, chunk), numRuns: CHUNK });
}

/** Input `index` of the campaign with `seed`. */
export function inputAt(seed: number, index: number): FuzzInput {
  return inputsOfChunk(seed, Math.floor(index / CHUNK))[index % CHUNK]!;
}

export function validPrograms(seed: number, count: number): string[] {
  return fc.sample(valid, { seed, numRuns: count }).map((i) => i.text);
}
