// The slow stages for one text (propagate, partition, cost), reduced to an Enrichment; for a file
// with errors also the salvaged text and its enrichment. Runs in the worker thread (or in-process).

import { runAnalysis, salvage } from './analysis.js';
import { costDiagnostics } from './cost-diagnostics.js';
import { enrich, type Enrichment } from './enrichment.js';

export interface FullResult {
  readonly enrichment: Enrichment;
  /** For a file with errors: the text with broken statements blanked, and what the stages said about it. */
  readonly salvage?: { readonly text: string; readonly enrichment: Enrichment };
}

export function fullAnalysis(text: string): FullResult {
  const a = runAnalysis(text, true);
  const diagnostics = [...a.diagnostics, ...safeCost(() => costDiagnostics(a.spmd, a.front.program, undefined))];
  const enrichment = enrich(a, diagnostics);
  if (a.front.module) return { enrichment };
  const s = salvage(text, a, true);
  return s ? { enrichment, salvage: { text: s.text, enrichment: enrich(s.analysis, []) } } : { enrichment };
}

function safeCost<T>(fn: () => T[]): T[] {
  try { return fn(); } catch { return []; } // the cost model is optional decoration, never a reason to fail
}
