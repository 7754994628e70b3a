// The propagate pass: a sharding on every value of the global IR (sharding/propagate.ts).

import { propagateShardings } from '../sharding/propagate.js';
import { modulePass } from './pass.js';

export const propagatePass = modulePass('propagate', 'a sharding and its origin on every value', 'sharded', (m) => {
  const p = propagateShardings(m);
  return { module: p.module, diagnostics: p.diagnostics, counters: { 'op visits': p.visits } };
});
