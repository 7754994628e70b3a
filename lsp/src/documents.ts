// The open documents and their cached analyses: the fast stage (up to checking) per version, and
// the slow stages (propagation, partitioning) when the editor is idle.

import { runAnalysis, salvage, type DocAnalysis } from './analysis.js';

interface Entry {
  version: number;
  text: string;
  checked?: DocAnalysis;
  full?: DocAnalysis;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  set(uri: string, version: number, text: string): void {
    const prior = this.entries.get(uri);
    this.entries.set(uri, { version, text, ...(prior?.full ? { full: prior.full } : {}) });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
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

  /** Runs the slow stages for the current text (idempotent per version). */
  analyzeFully(uri: string): DocAnalysis | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    if (!e.full || e.full.version !== e.version) {
      e.full = { version: e.version, text: e.text, result: runAnalysis(e.text, true), full: true };
    }
    return e.full;
  }

  /**
   * The best analysis for the current text: the full one when it is current, else the fast one.
   * Hover and hints read this; they never wait for the slow stages.
   */
  best(uri: string): DocAnalysis | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    if (e.full && e.full.version === e.version) return e.full;
    return this.checked(uri);
  }

  /** The last full analysis even if stale (for code lenses while typing), or undefined. */
  lastFull(uri: string): DocAnalysis | undefined {
    return this.entries.get(uri)?.full;
  }
}

/** The analysis whose IR hover and hints should read: the document's own, or its salvage when it has errors. */
export function usable(doc: DocAnalysis) {
  if (doc.result.front.module) return doc.result;
  if (doc.salvaged === undefined) doc.salvaged = salvage(doc.text, doc.result, doc.full);
  return doc.salvaged ?? doc.result;
}
