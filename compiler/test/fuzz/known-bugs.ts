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
  // Fixed and removed: deep-binary-chain, ir-unicode (b1b0c63), spmd-reshape.
];

export function knownBugOf(f: Failure, text: string): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.matches(f, text));
}
