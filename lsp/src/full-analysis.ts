// The slow stages for one text (propagate, partition, cost), reduced to an Enrichment; for a file
// with errors also the salvaged text and its enrichment. Runs in the worker thread (or in-process).
// `superseded` is asked between steps: a newer text makes the rest of the work worthless, and on a
// 2-core machine the core it burns is the one the next check needs.

import { runAnalysis, salvage } from './analysis.js';
import { costDiagnostics } from './cost-diagnostics.js';
import { enrich, type EnrichmentWire } from './enrichment.js';

export interface FullResult {
  readonly enrichment: EnrichmentWire;
  /** For a file with errors: the text with broken statements blanked, and what the stages said about it. */
  readonly salvage?: { readonly text: string; readonly enrichment: EnrichmentWire };
}

/** The result, or undefined when `superseded()` said to stop. */
export function fullAnalysis(text: string, superseded: () => boolean = () => false): FullResult | undefined {
  const a = runAnalysis(text, true);
  if (superseded()) return undefined;
  const diagnostics = [...a.diagnostics, ...safeCost(() => costDiagnostics(a.spmd, a.front.program, undefined))];
  const enrichment = enrich(a, diagnostics);
  if (a.front.module) return { enrichment };
  if (superseded()) return undefined;
  const s = salvage(text, a, true, superseded);
  if (superseded()) return undefined;
  return s ? { enrichment, salvage: { text: s.text, enrichment: enrich(s.analysis, []) } } : { enrichment };
}

function safeCost<T>(fn: () => T[]): T[] {
  try { return fn(); } catch { return []; } // the cost model is optional decoration, never a reason to fail
}
