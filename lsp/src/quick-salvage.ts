// The checked-stage salvage of a broken text, as the worker thread runs it right after the main
// thread's check found errors: blanking the broken statements re-checks the text up to 6 times,
// which on the main thread held up the next check and every other request.

import { runAnalysis, salvage } from './analysis.js';

export interface SalvageResult {
  /** The text with its broken statements blanked (every span in place), or null when none lowers cleanly. */
  readonly text: string | null;
}

/** The salvage of `text`, or undefined when `superseded()` said to stop. */
export function quickSalvage(text: string, superseded: () => boolean = () => false): SalvageResult | undefined {
  const first = runAnalysis(text, false);
  if (superseded()) return undefined;
  const s = salvage(text, first, false, superseded);
  if (superseded()) return undefined;
  return { text: s?.text ?? null };
}
