// The open documents and their cached analyses: the fast stage (up to checking) per version, and
// what the slow stages (propagation, partitioning, cost) added, once they ran for that version.

import type { Analysis } from '@gshard/compiler';
import { runAnalysis, salvage, type DocAnalysis } from './analysis.js';
import { Enrichment } from './enrichment.js';
import type { FullResult } from './full-analysis.js';

/** The slow stages' result for one version, decoded on demand. */
interface Full {
  readonly version: number;
  readonly enrichment: Enrichment;
  readonly salvage?: { readonly text: string; readonly enrichment: Enrichment };
  /** The salvaged text checked in-process (its IR), made on first use. */
  salvaged?: Analysis;
}

interface Entry {
  version: number;
  text: string;
  checked?: DocAnalysis;
  full?: Full;
  inProcessFull?: DocAnalysis;
  /** In-process salvage (checked stage only) for a broken file whose slow stages have not run. */
  quickSalvage?: { version: number; analysis: Analysis | null };
}

/** What hover-like features read: an analysis with IR, and the slow stages' additions if any. */
export interface Readable {
  readonly checked: DocAnalysis;
  /** The analysis whose symbols and IR to use: the document's own, or its salvage when it has errors. */
  readonly analysis: Analysis;
  readonly enrichment?: Enrichment;
  /** True when the slow stages ran for this version. */
  readonly full: boolean;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  set(uri: string, version: number, text: string): void {
    this.entries.set(uri, { version, text });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  text(uri: string): string | undefined {
    return this.entries.get(uri)?.text;
  }

  version(uri: string): number | undefined {
    return this.entries.get(uri)?.version;
  }

  /** The fast analysis of the current text, computed now if the debounce has not run yet. */
  checked(uri: string): DocAnalysis | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    if (!e.checked || e.checked.version !== e.version) {
      e.checked = { version: e.version, text: e.text, result: runAnalysis(e.text, false), full: false };
    }
    return e.checked;
  }

  /**
   * The whole pipeline in-process for the current text (cached per version), for on-demand
   * requests that need the SPMD program itself rather than what hover reads.
   */
  analyzeFully(uri: string): DocAnalysis | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    if (!e.inProcessFull || e.inProcessFull.version !== e.version) {
      e.inProcessFull = { version: e.version, text: e.text, result: runAnalysis(e.text, true), full: true };
    }
    return e.inProcessFull;
  }

  /** Records the slow stages' result for `version`; false (and nothing kept) when it is stale. */
  setFull(uri: string, version: number, result: FullResult): boolean {
    const e = this.entries.get(uri);
    if (!e || e.version !== version) return false;
    const s = result.salvage;
    e.full = { version, enrichment: new Enrichment(result.enrichment), ...(s ? { salvage: { text: s.text, enrichment: new Enrichment(s.enrichment) } } : {}) };
    return true;
  }

  readable(uri: string): Readable | undefined {
    const e = this.entries.get(uri);
    const checked = this.checked(uri);
    if (!e || !checked) return undefined;
    const full = e.full && e.full.version === e.version ? e.full : undefined;
    if (checked.result.front.module) {
      return { checked, analysis: checked.result, full: full !== undefined, ...(full ? { enrichment: full.enrichment } : {}) };
    }
    if (full?.salvage) {
      full.salvaged ??= runAnalysis(full.salvage.text, false);
      return { checked, analysis: full.salvaged, enrichment: full.salvage.enrichment, full: true };
    }
    if (full) return { checked, analysis: checked.result, full: true };
    if (!e.quickSalvage || e.quickSalvage.version !== e.version) {
      e.quickSalvage = { version: e.version, analysis: salvage(e.text, checked.result, false)?.analysis ?? null };
    }
    return { checked, analysis: e.quickSalvage.analysis ?? checked.result, full: full !== undefined };
  }
}

/** The analysis whose IR a feature should read: the document's own, or its salvage when it has errors. */
export function usable(doc: DocAnalysis): Analysis {
  if (doc.result.front.module) return doc.result;
  return salvage(doc.text, doc.result, doc.full)?.analysis ?? doc.result;
}
