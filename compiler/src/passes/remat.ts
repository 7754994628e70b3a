// The remat pass (training only): after propagation, each remat region's forward ops are recomputed
// just before its backward (train/rematerialize.ts), sharded as the forward ops were.

import { rematerialize } from '../train/rematerialize.js';
import type { Pass } from './pass.js';

export const rematPass: Pass = {
  name: 'remat',
  doc: 'recompute the forward ops of remat layers before their backward (with --train)',
  run(state) {
    const input = state.module;
    if (!input) return { update: {}, diagnostics: [], halt: true };
    if (!input.training) return { update: {}, diagnostics: [], halt: false };
    const r = rematerialize(input);
    return {
      update: { module: r.module, sharded: r.module },
      diagnostics: [],
      halt: false,
      counters: { 'recomputed ops': r.recomputed },
    };
  },
};
