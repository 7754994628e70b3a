// The partition pass: the sharded global IR -> the per-device SPMD program with explicit collectives
// (partition/partition.ts; to be split into reshard insertion, collective choice and localization).

import { partitionModule } from '../partition/partition.js';
import { modulePass } from './pass.js';

export const partitionPass = modulePass(
  'partition', 'the per-device program with explicit collectives', 'spmd', partitionModule,
);
