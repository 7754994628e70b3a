// Everything the editor (and `explain`) needs about one document, computed up to a chosen stage.
// Stages are ordered; each value's doc says what is guaranteed once a document reaches it.

import type { Diagnostic } from '@gshard/grammar';
import { frontend, type FrontendResult } from './pipeline.js';
import type { Module } from './ir/module.js';
import type { LowerOptions } from './lower/lower.js';
import { propagateShardings } from './sharding/propagate.js';
import { partitionModule } from './partition/partition.js';

export enum Stage {
  /** Parsed, names resolved, types and annotations checked: diagnostics for typing. */
  Checked = 0,
  /** Every value of the global IR has a sharding and an origin. */
  Propagated = 1,
  /** The SPMD program exists: collectives explicit, each with a reason. */
  Partitioned = 2,
}

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
  const front = frontend(text, options);
  const diagnostics = [...front.diagnostics];
  let sharded: Module | undefined;
  let spmd: Module | undefined;
  let stage = Stage.Checked;
  if (front.module && upTo >= Stage.Propagated) {
    const p = propagateShardings(front.module);
    diagnostics.push(...p.diagnostics);
    sharded = p.module;
    stage = Stage.Propagated;
    if (upTo >= Stage.Partitioned && !p.diagnostics.some((d) => d.severity === 'error')) {
      const q = partitionModule(p.module);
      diagnostics.push(...q.diagnostics);
      spmd = q.module;
      stage = Stage.Partitioned;
    }
  }
  return { front, diagnostics, stage, ...(sharded ? { sharded } : {}), ...(spmd ? { spmd } : {}) };
}
