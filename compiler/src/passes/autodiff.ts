// The autodiff pass (training only): the checked forward program -> one training program, forward +
// backward + optimizer update (train/train-program.ts), which the later passes shard as any program.

import { buildTrainingProgram } from '../train/train-program.js';
import type { Pass } from './pass.js';

export const autodiffPass: Pass = {
  name: 'autodiff',
  doc: 'the training program: forward, reverse-mode backward from the loss, optimizer update (with --train)',
  run(state) {
    const input = state.module;
    if (!input || !state.train) return { update: {}, diagnostics: [], halt: !input };
    const r = buildTrainingProgram(input, state.train.optimizer, state.train.statePlacement, state.train.remat);
    return {
      update: r.module ? { module: r.module, global: r.module } : {},
      diagnostics: r.diagnostics,
      halt: !r.module,
      ...(r.module ? { counters: { 'backward ops': r.module.ops.filter((op) => op.phase === 'backward').length } }
        : {}),
    };
  },
};
