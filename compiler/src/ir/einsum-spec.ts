import { at } from '../util/checked.js';
// Einsum subscripts over dim names: parsing "GSM,ME->GSE" and "batch seq, seq hidden -> batch hidden".

export interface EinsumSpec {
  readonly inputs: readonly (readonly string[])[];
  readonly output: readonly string[];
}

/**
 * One-letter dim names may run together ("GSM,ME->GSE"); a spec with any space in it names dims
 * separated by spaces ("batch seq model, model hidden -> batch seq hidden", "seq -> seq").
 * Returns an error message for malformed text.
 */
export function parseEinsumSpec(text: string): EinsumSpec | { error: string } {
  // Every instance of a repeated layer parses the same few specs: remember them.
  let cached = SPEC_CACHE.get(text);
  if (cached === undefined) {
    cached = parseUncached(text);
    if (SPEC_CACHE.size < 4096) SPEC_CACHE.set(text, cached);
  }
  return cached;
}

const SPEC_CACHE = new Map<string, EinsumSpec | { error: string }>();

function parseUncached(text: string): EinsumSpec | { error: string } {
  // Any space in the spec means names are space separated ("seq -> seq"); else one letter each.
  const words = /\s/.test(text.trim());
  const arrow = text.split('->');
  if (arrow.length !== 2) {
    return { error: `Expected einsum subscripts of the form "AB,BC->AC" but found "${text}" (${arrow.length - 1} ` +
      `arrows).` };
  }
  const terms = at(arrow, 0, 'arrow').split(',').map((t) => parseTerm(t, words));
  const output = parseTerm(at(arrow, 1, 'arrow'), words);
  for (const t of [...terms, output]) {
    if (typeof t === 'string') return { error: t };
  }
  const inputs = terms as string[][];
  // Three or more operands are lowered to pairwise einsums (lower/einsum-chain.ts); the op takes one or two.
  if (inputs.length < 1) return { error: `Expected at least one einsum operand but the subscripts name none.` };
  return { inputs, output: output as string[] };
}

function parseTerm(term: string, words: boolean): string[] | string {
  const trimmed = term.trim();
  if (trimmed === '') return [];
  const names = words ? trimmed.split(/\s+/) : [...trimmed];
  for (const n of names) {
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(n)) return `Expected dim names in einsum subscripts but found "${n}".`;
  }
  return names;
}
