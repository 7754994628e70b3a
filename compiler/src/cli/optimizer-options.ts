// The optimizer flags shared by the training commands: --optimizer, --learning-rate, --shard-optimizer-state.

import { flagString, UsageError, type ParsedArgs } from './args.js';
import {
  defaultOptimizerSettings, OPTIMIZER_KINDS, type OptimizerKind, type OptimizerSettings,
} from '../train/optimizer-settings.js';

export const OPTIMIZER_VALUED = ['optimizer', 'learning-rate'] as const;
export const OPTIMIZER_BOOLEANS = ['shard-optimizer-state'] as const;
export const OPTIMIZER_USAGE = '[--optimizer sgd|adam|adafactor] [--learning-rate LR] [--shard-optimizer-state]';

/** The settings the flags ask for (SGD by default); a UsageError names a bad value. */
export function optimizerSettingsFrom(args: ParsedArgs): OptimizerSettings {
  const kind = flagString(args, 'optimizer') ?? 'sgd';
  if (!OPTIMIZER_KINDS.includes(kind as OptimizerKind)) {
    throw new UsageError(`--optimizer must be ${OPTIMIZER_KINDS.join(', ')}, not '${kind}'`);
  }
  const base = defaultOptimizerSettings(kind as OptimizerKind);
  const lrText = flagString(args, 'learning-rate');
  const lr = lrText === undefined ? base.learningRate : Number(lrText);
  if (!Number.isFinite(lr) || lr <= 0) throw new UsageError(`--learning-rate must be a positive number, not '${lrText}'`);
  return { ...base, learningRate: lr, statePlacement: args.flags.has('shard-optimizer-state') ? 'data' : 'param' };
}
