// What a pass is: a named step from one state of the compilation to the next, with its diagnostics.
// The runner (run-pipeline.ts) verifies, dumps and times every pass alike; list.ts gives their order.

import type { Diagnostic } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import type { LowerOptions } from '../lower/lower.js';
import type { FrontendResult, ParsedSource } from '../pipeline.js';
import type { Optimizer } from '../train/optimizer.js';
import type { StatePlacement } from '../train/state-sharding.js';
import type { RematChoice } from '../train/remat-regions.js';

/** A training compile: the autodiff pass builds forward + backward + this optimizer's update. */
export interface TrainSpec {
  readonly optimizer: Optimizer;
  /** Optimizer state like its param (default), or ZeRO: also split over the data axes (train/state-sharding.ts). */
  readonly statePlacement?: StatePlacement;
  /** Which layers the backward pass recomputes: the source's `remat` marks (default), none, or all. */
  readonly remat?: RematChoice;
}

/** Everything known about one source text after some passes. */
export interface PipelineState {
  readonly source: string;
  readonly lowerOptions: LowerOptions;
  /** Set for a training compile (`--train`, `gshard train`). */
  readonly train?: TrainSpec;
  /** After parse: the AST and the syntax diagnostics. */
  readonly parsed?: ParsedSource;
  /** After lower: the AST, names, and the checked global IR (`module` only when the text is clean). */
  readonly front?: FrontendResult;
  /** The IR as the last pass left it. */
  readonly module?: Module;
  /** The checked global IR (after lower). */
  readonly global?: Module;
  /** The global IR with a sharding on every value (after propagate). */
  readonly sharded?: Module;
  /** The per-device program (after the last partitioning pass). */
  readonly spmd?: Module;
  /** Every pass's diagnostics, in pass order. */
  readonly diagnostics: readonly Diagnostic[];
  /** The passes that ran, in order. */
  readonly ran: readonly string[];
  /** The pass that stopped the pipeline early (errors, or no model to compile). */
  readonly haltedAfter?: string;
}

/** The fields of the state a pass may set; the runner adds diagnostics and the pass name. */
export type StateUpdate = Partial<Pick<PipelineState, 'parsed' | 'front' | 'module' | 'global' | 'sharded' | 'spmd'>>;

export interface PassResult {
  readonly update: StateUpdate;
  readonly diagnostics: readonly Diagnostic[];
  /** True when no later pass may run: the pass found errors, or there is nothing to compile. */
  readonly halt: boolean;
  /** Counts worth showing beside the pass's time (propagate: op visits). */
  readonly counters?: Readonly<Record<string, number>>;
}

export interface Pass {
  readonly name: string;
  /** One line for `--help`-like listings and the docs. */
  readonly doc: string;
  run(state: PipelineState): PassResult;
  /** The text `--dump-after` prints; by default the IR the pass left (`state.module`), printed. */
  readonly dump?: (state: PipelineState) => string;
}

/** A slot of the state a module pass fills besides `module`. */
export type ModuleSlot = 'global' | 'sharded' | 'spmd';

export interface ModuleStep {
  readonly module: Module;
  readonly diagnostics: readonly Diagnostic[];
  readonly counters?: Readonly<Record<string, number>>;
}

/** A pass from the IR to the IR (`Module -> Module` + diagnostics); errors stop the pipeline after it. */
export function modulePass(
  name: string, doc: string, slot: ModuleSlot | undefined, step: (m: Module) => ModuleStep,
): Pass {
  return {
    name,
    doc,
    run(state) {
      const input = state.module;
      if (!input) return { update: {}, diagnostics: [], halt: true };
      const out = step(input);
      return {
        update: { module: out.module, ...(slot ? { [slot]: out.module } : {}) },
        diagnostics: out.diagnostics,
        halt: out.diagnostics.some((d) => d.severity === 'error'),
        ...(out.counters ? { counters: out.counters } : {}),
      };
    },
  };
}
