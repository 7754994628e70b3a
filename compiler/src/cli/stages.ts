// The stages `--emit` can print, each a function of the loaded file: IR after lowering, after
// propagation (sharded), after partitioning (spmd).

import type { Diagnostic } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import type { Loaded } from './load.js';
import { moduleJson } from '../ir/json.js';
import { assertVerified } from '../pipeline.js';
import { propagateShardings } from '../sharding/propagate.js';
import { shardedJson, shardedText } from '../sharding/sharded-view.js';
import { partitionModule } from '../partition/partition.js';
import { collectivesJson } from '../partition/spmd-view.js';

export interface StageOutput {
  readonly module?: Module;
  readonly diagnostics: Diagnostic[];
  readonly json: () => object;
  /** Custom text; default is the printed module. */
  readonly text?: () => string;
}

export interface StageOptions {
  /** Run the IR verifier after every pass (a failure is an internal error, exit 3). */
  readonly verify?: boolean;
  /** Show builtins' temporaries too (--all). */
  readonly all?: boolean;
}

const check = (options: StageOptions, m: Module, after: string) => {
  if (options.verify) assertVerified(m, after);
};

export type StageName = 'ir' | 'sharded' | 'spmd';

export const STAGES: Record<StageName, (loaded: Loaded, options: StageOptions) => StageOutput> = {
  ir: (loaded, options) => {
    const module = loaded.result.module;
    if (module) check(options, module, 'lower');
    return { ...(module ? { module } : {}), diagnostics: [], json: () => (module ? moduleJson(module) : {}) };
  },
  sharded: (loaded, options) => {
    if (!loaded.result.module) return { diagnostics: [], json: () => ({}) };
    check(options, loaded.result.module, 'lower');
    const { module, diagnostics } = propagateShardings(loaded.result.module);
    check(options, module, 'propagate');
    return { module, diagnostics, json: () => shardedJson(module), text: () => shardedText(module, { all: options.all ?? false }) };
  },
  spmd: (loaded, options) => {
    if (!loaded.result.module) return { diagnostics: [], json: () => ({}) };
    check(options, loaded.result.module, 'lower');
    const propagated = propagateShardings(loaded.result.module);
    check(options, propagated.module, 'propagate');
    if (propagated.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: propagated.diagnostics, json: () => ({}) };
    const { module, diagnostics } = partitionModule(propagated.module);
    check(options, module, 'partition');
    return {
      module, diagnostics: [...propagated.diagnostics, ...diagnostics],
      json: () => ({ ...moduleJson(module), collectives: collectivesJson(module) }),
    };
  },
};
