// The flags of a training compile (`--train` on compile/explain/run, and `gshard train`): the optimizer
// and its learning rate, turned into the pipeline's TrainSpec.

import { flagString, UsageError, type ParsedArgs } from './args.js';
import type { TrainSpec } from '../passes/pass.js';
import { DEFAULT_LR, defaultLr, OPTIMIZERS } from '../train/optimizer.js';
import { REMAT_CHOICES, type RematChoice } from '../train/remat-regions.js';

export const TRAIN_VALUED: readonly string[] = ['optimizer', 'lr'];
export const TRAIN_BOOLEANS: readonly string[] = ['shard-optimizer-state'];
export const TRAIN_USAGE = '[--optimizer sgd|adam|adafactor] [--lr X] [--shard-optimizer-state]';
/**
 * `--remat=none|all` (train, compile/explain --train, cost's training program): ignore the source's `remat`
 * marks, or recompute every layer the model calls; `marked` (the default) follows the marks. Kept apart from
 * TRAIN_VALUED because `cost` reads `--remat` for its estimate too.
 */
export const REMAT_FLAG = 'remat';
export const REMAT_USAGE = '[--remat=none|marked|all]';
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
  const remat = rematChoiceOf(args);
  return {
    optimizer: make({ lr }), statePlacement: args.flags.has('shard-optimizer-state') ? 'data' : 'param',
    ...(remat !== 'marked' ? { remat } : {}),
  };
}

/** `--remat`: `marked` when absent (cost's `auto`, its estimate's default, means the same here). */
export function rematChoiceOf(args: ParsedArgs): RematChoice {
  const text = flagString(args, REMAT_FLAG);
  if (text === undefined || text === 'auto') return 'marked';
  if (!(REMAT_CHOICES as readonly string[]).includes(text)) {
    throw new UsageError(`--remat must be one of ${REMAT_CHOICES.join(', ')}, not '${text}'`);
  }
  return text as RematChoice;
}

/** The training spec when `--train` is given (compile, explain); undefined otherwise. */
export function trainFlagOf(args: ParsedArgs): TrainSpec | undefined {
  if (!args.flags.has('train')) {
    for (const f of [...TRAIN_VALUED, ...TRAIN_BOOLEANS, REMAT_FLAG]) {
      if (args.flags.has(f)) throw new UsageError(`--${f} needs --train`);
    }
    return undefined;
  }
  return trainSpecOf(args);
}
