// Bugs the fuzzer found in code owned by others and reported, not yet fixed. A fuzz failure matching
// one is counted and printed but does not fail the run; each has a todo test in regressions.test.ts.
// Remove an entry when its regression test passes.

import type { Failure } from './property.js';

export interface KnownBug {
  readonly id: string;
  readonly summary: string;
  readonly matches: (f: Failure, text: string) => boolean;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    id: 'deep-binary-chain',
    summary: 'frontend() overflows the stack on a long chain of binary operators (lowerExpr / evalInt recurse once per operator)',
    matches: (f) => f.kind === 'throw' && /Maximum call stack size exceeded/.test(f.message) && /lowerExpr|lowerOperands|evalInt/.test(f.stack ?? ''),
  },
  {
    id: 'ir-unicode',
    summary: 'printed IR with non-ASCII names (dims, values, mesh axes, model names) does not parse back: compiler/src/ir/text-parser.ts accepts ASCII names only',
    matches: (f, text) => f.stage === 'ir-roundtrip' && /[^\x00-\x7f]/.test(text),
  },
];

export function knownBugOf(f: Failure, text: string): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.matches(f, text));
}
