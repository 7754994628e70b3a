// Everything the editor (and `explain`) needs about one document, computed up to a chosen stage.
// Stages are ordered; each value's doc says what is guaranteed once a document reaches it.

import type { Diagnostic } from '@gshard/grammar';
import type { FrontendResult } from './pipeline.js';
import type { Module } from './ir/module.js';
import type { LowerOptions } from './lower/lower.js';
import { runPipeline } from './passes/run-pipeline.js';
import { defaultLr, OPTIMIZERS } from './train/optimizer.js';

export enum Stage {
  /** Parsed, names resolved, types and annotations checked: diagnostics for typing. */
  Checked = 0,
  /** Every value of the global IR has a sharding and an origin. */
  Propagated = 1,
  /** The SPMD program exists: collectives explicit, each with a reason. */
  Partitioned = 2,
}

/** The last pass of each stage (undefined: the whole list, however many partitioning passes it has). */
const LAST_PASS: Record<Stage, string | undefined> = {
  [Stage.Checked]: 'lower',
  [Stage.Propagated]: 'propagate',
  [Stage.Partitioned]: undefined,
};

export interface Analysis {
  readonly front: FrontendResult;
  /** The global IR with shardings on every value (Stage.Propagated and later). */
  readonly sharded?: Module;
  /** The per-device program (Stage.Partitioned). */
  readonly spmd?: Module;
  readonly diagnostics: Diagnostic[];
  readonly stage: Stage;
}

/** Never throws on bad input; stops at the first stage that reports errors. */
export function analyze(text: string, upTo: Stage = Stage.Partitioned, options: LowerOptions = {}): Analysis {
  const last = LAST_PASS[upTo];
  const r = runPipeline(text, {
    ...(last ? { upTo: last } : {}),
    ...(options.entry ? { entry: options.entry } : {}), ...(options.meshOverride ? { mesh: options.meshOverride } : {}),
  });
  const front = r.front!; // the lower pass always runs (every stage includes it) and always sets front
  const stage = r.spmd ? Stage.Partitioned : r.sharded ? Stage.Propagated : Stage.Checked;
  const { sharded, spmd } = r;
  return { front, diagnostics: [...r.diagnostics], stage, ...(sharded ? { sharded } : {}), ...(spmd ? { spmd } : {}) };
}

/** The training program of a document: propagated and partitioned (absent after errors), and its diagnostics. */
export interface TrainingAnalysis {
  readonly sharded?: Module;
  readonly spmd?: Module;
  readonly diagnostics: Diagnostic[];
}

/**
 * The training program `gshard cost --train` costs (the default optimizer, sgd, at its default rate, state
 * sharded like its param), for the editor's training lenses and gradient hovers. Never throws on bad input.
 */
export function analyzeTraining(text: string, options: LowerOptions = {}): TrainingAnalysis {
  const optimizer = OPTIMIZERS['sgd'];
  if (!optimizer) return { diagnostics: [] };
  const r = runPipeline(text, {
    train: { optimizer: optimizer({ lr: defaultLr('sgd') }), statePlacement: 'param' },
    ...(options.entry ? { entry: options.entry } : {}), ...(options.meshOverride ? { mesh: options.meshOverride } : {}),
  });
  const { sharded, spmd } = r;
  return { diagnostics: [...r.diagnostics], ...(sharded ? { sharded } : {}), ...(spmd ? { spmd } : {}) };
}
