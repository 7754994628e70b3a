// The flags of a training compile (`--train` on compile/explain/run, and `gshard train`): the optimizer
// and its learning rate, turned into the pipeline's TrainSpec.

import { flagString, UsageError, type ParsedArgs } from './args.js';
import type { TrainSpec } from '../passes/pass.js';
import { DEFAULT_LR, defaultLr, OPTIMIZERS } from '../train/optimizer.js';

export const TRAIN_VALUED: readonly string[] = ['optimizer', 'lr'];
export const TRAIN_BOOLEANS: readonly string[] = ['shard-optimizer-state'];
export const TRAIN_USAGE = '[--optimizer sgd|adam|adafactor] [--lr X] [--shard-optimizer-state]';
/** The --lr an optimizer runs with when none is given (train/optimizer.ts, shared with the editor). */
export { DEFAULT_LR, defaultLr };

/** The training spec `--optimizer` and `--lr` ask for (both have defaults). */
export function trainSpecOf(args: ParsedArgs): TrainSpec {
  const name = flagString(args, 'optimizer') ?? 'sgd';
  const make = OPTIMIZERS[name];
  if (!make) throw new UsageError(`--optimizer must be one of ${Object.keys(OPTIMIZERS).join(', ')}, not '${name}'`);
  const lrText = flagString(args, 'lr');
  const lr = lrText === undefined ? defaultLr(name) : Number(lrText);
  if (!Number.isFinite(lr) || lr <= 0 || (lrText !== undefined && !/^[0-9.eE+-]+$/.test(lrText))) {
    throw new UsageError(`--lr must be a positive number, not '${lrText}'`);
  }
  return { optimizer: make({ lr }), statePlacement: args.flags.has('shard-optimizer-state') ? 'data' : 'param' };
}

/** The training spec when `--train` is given (compile, explain); undefined otherwise. */
export function trainFlagOf(args: ParsedArgs): TrainSpec | undefined {
  if (!args.flags.has('train')) {
    for (const f of [...TRAIN_VALUED, ...TRAIN_BOOLEANS]) {
      if (args.flags.has(f)) throw new UsageError(`--${f} needs --train`);
    }
    return undefined;
  }
  return trainSpecOf(args);
}
