// The lower pass: AST -> checked global IR (resolve names, inline layers and repeats, infer and check
// types and annotations). Later passes run only on a clean text that has a model.

import { lowerParsed, parseSource } from '../pipeline.js';
import type { Pass } from './pass.js';

export const lowerPass: Pass = {
  name: 'lower',
  doc: 'AST to the checked global IR (resolve, lower, check)',
  run(state) {
    const parsed = state.parsed ?? parseSource(state.source);
    const front = lowerParsed(state.source, parsed, state.lowerOptions);
    // front.diagnostics starts with the parse pass's, which the state already holds
    const diagnostics = front.diagnostics.slice(parsed.diagnostics.length);
    const module = front.module;
    return { update: { front, ...(module ? { module, global: module } : {}) }, diagnostics, halt: !module };
  },
};
