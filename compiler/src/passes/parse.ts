// The parse pass: source text -> AST, with error recovery (a syntax error never stops the lowering).

import { parseSource } from '../pipeline.js';
import type { Pass } from './pass.js';

export const parsePass: Pass = {
  name: 'parse',
  doc: 'source text to AST (tokens, recovery from syntax errors)',
  run(state) {
    const parsed = parseSource(state.source);
    return { update: { parsed }, diagnostics: parsed.diagnostics, halt: false };
  },
  // The AST has no IR text form; its JSON is what `gshard compile --emit ast` prints.
  dump: (state) => `${JSON.stringify(state.parsed?.program ?? null, null, 2)}\n`,
};
