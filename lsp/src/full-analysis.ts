// The slow stages for one text (propagate, partition, cost), reduced to an Enrichment; for a file
// with errors also the salvaged text and its enrichment. Runs in the worker thread (or in-process).
// `superseded` is asked between steps: a newer text makes the rest of the work worthless, and on a
// 2-core machine the core it burns is the one the next check needs.

import { runAnalysis, salvage } from './analysis.js';
import { costDiagnostics } from './cost-diagnostics.js';
import { enrich, type EnrichmentWire } from './enrichment.js';
import { trainingDetail, type TrainingDetail } from './training.js';

export interface FullResult {
  readonly enrichment: EnrichmentWire;
  /** For a file with errors: the text with broken statements blanked, and what the stages said about it. */
  readonly salvage?: { readonly text: string; readonly enrichment: EnrichmentWire };
}

/** The result, or undefined when `superseded()` said to stop. */
export function fullAnalysis(
  text: string, superseded: () => boolean = () => false, train = false,
): FullResult | undefined {
  const a = runAnalysis(text, true);
  if (superseded()) return undefined;
  const diagnostics = [...a.diagnostics, ...safeCost(() => costDiagnostics(a.spmd, a.front.program, undefined))];
  // training mode: the training step too, once the forward program partitions (its errors are the file's)
  const training = train && a.spmd ? safeTraining(text) : undefined;
  if (superseded()) return undefined;
  const enrichment = enrich(a, diagnostics, training);
  if (a.front.module) return { enrichment };
  if (superseded()) return undefined;
  const s = salvage(text, a, true, superseded);
  if (superseded()) return undefined;
  return s ? { enrichment, salvage: { text: s.text, enrichment: enrich(s.analysis, []) } } : { enrichment };
}

function safeTraining(text: string): TrainingDetail {
  try {
    return trainingDetail(text);
  } catch (e) { // a compiler bug: said on the lens instead of taking the analysis down
    return { unavailable: `the training program failed: ${e instanceof Error ? e.message : String(e)}`, work: [],
      gradients: [] };
  }
}

function safeCost<T>(fn: () => T[]): T[] {
  try { return fn(); } catch { return []; } // the cost model is optional decoration, never a reason to fail
}
