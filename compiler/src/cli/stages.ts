// The stages `--emit` can print, each read from the pipeline's result: IR after lowering, after
// propagation (sharded), after partitioning (spmd), with the last pass each needs.

import type { Module } from '../ir/module.js';
import { moduleJson } from '../ir/json.js';
import type { PipelineResult } from '../passes/run-pipeline.js';
import { shardedJson, shardedText } from '../sharding/sharded-view.js';
import { collectivesJson } from '../partition/spmd-view.js';

export interface StageOutput {
  readonly module?: Module;
  readonly json: () => object;
  /** Custom text; default is the printed module. */
  readonly text?: () => string;
}

export type StageName = 'ir' | 'sharded' | 'spmd';

export interface Stage {
  /** The last pass the stage needs (undefined: every pass). */
  readonly upTo?: string;
  /** `all`: show builtins' temporaries too (--all). */
  readonly output: (r: PipelineResult, options?: { readonly all?: boolean }) => StageOutput;
}

export const STAGES: Record<StageName, Stage> = {
  ir: {
    upTo: 'lower',
    output: ({ global }) => ({ ...(global ? { module: global } : {}), json: () => (global ? moduleJson(global) : {}) }),
  },
  sharded: {
    upTo: 'propagate',
    output: ({ sharded }, options) => (sharded
      ? { module: sharded, json: () => shardedJson(sharded), text: () => shardedText(sharded,
        { all: options?.all ?? false }) }
      : { json: () => ({}) }),
  },
  spmd: {
    output: ({ spmd }) => (spmd
      ? { module: spmd, json: () => ({ ...moduleJson(spmd), collectives: collectivesJson(spmd) }) }
      : { json: () => ({}) }),
  },
};
