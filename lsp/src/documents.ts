// The open documents and their cached analyses: the fast stage (up to checking) per version, what
// the slow stages (propagation, partitioning, cost) added once they ran for that version, and for a
// broken version the salvage the worker made of it.

import type { Analysis } from '@gshard/compiler';
import { runAnalysis, type DocAnalysis } from './analysis.js';
import { Enrichment } from './enrichment.js';
import type { FullResult } from './full-analysis.js';
import { editBetween, mapBack, mapForward, type Edit } from './edit-map.js';

/** The slow stages' result for one version, decoded on demand. */
interface Full {
  readonly version: number;
  readonly enrichment: Enrichment;
  readonly salvage?: { readonly text: string; readonly enrichment: Enrichment };
}

interface Entry {
  version: number;
  text: string;
  /** Whether the last check before this version needed a salvage: a guess for this one until it is checked. */
  wasBroken: boolean;
  checked?: DocAnalysis;
  full?: Full;
  /** The worker's checked-stage salvage of a broken version: the blanked text, or null when there is none. */
  salvage?: { readonly version: number; readonly text: string | null };
  /**
   * The last salvaged text checked here (its IR). Kept by text, not version: typing inside a
   * blanked statement salvages every version to the same text, and the slow stages' salvage is
   * usually the quick one's text too, so most versions need no check of their own.
   */
  salvaged?: { readonly text: string; readonly analysis: Analysis };
  /** The last version that had a Readable, and the edits made since (oldest first): hover answers from it meanwhile. */
  good?: { readonly version: number; readonly text: string; readonly readable: Readable };
  editsSinceGood: Edit[];
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

/** The last good Readable of a document and how offsets map between its text and the current one. */
export interface LastGood {
  readonly version: number;
  readonly text: string;
  readonly readable: Readable;
  /** A current offset in the good text; undefined inside text typed since. */
  readonly back: (offset: number) => number | undefined;
  /** A good text's offset in the current text; undefined inside text edited since. */
  readonly forward: (offset: number) => number | undefined;
}

/** True when a check found errors and no module: hover and hints then read a salvage. */
function needsSalvage(a: Analysis): boolean {
  return !a.front.module && a.diagnostics.some((d) => d.severity === 'error');
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  set(uri: string, version: number, text: string): void {
    const prev = this.entries.get(uri);
    const wasBroken = prev?.checked ? needsSalvage(prev.checked.result) : prev?.wasBroken ?? false;
    const salvaged = prev?.salvaged; // by text: it may serve the new version too
    const good = prev?.good;
    // Edits arrive one range at a time, so the common prefix and suffix give exactly that range.
    const editsSinceGood = good && prev ? [...prev.editsSinceGood, editBetween(prev.text, text)] : [];
    this.entries.set(uri, {
      version, text, wasBroken, editsSinceGood, ...(salvaged ? { salvaged } : {}), ...(good ? { good } : {}),
    });
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
      this.rememberNow(e);
    }
    return e.checked;
  }

  /** Records the slow stages' result for `version`; false (and nothing kept) when it is stale. */
  setFull(uri: string, version: number, result: FullResult): boolean {
    const e = this.entries.get(uri);
    if (!e || e.version !== version) return false;
    const s = result.salvage;
    e.full = {
      version, enrichment: new Enrichment(result.enrichment),
      ...(s ? { salvage: { text: s.text, enrichment: new Enrichment(s.enrichment) } } : {}),
    };
    this.rememberNow(e);
    return true;
  }

  /** Records the worker's salvage of `version`; false (and nothing kept) when it is stale. */
  setSalvage(uri: string, version: number, text: string | null): boolean {
    const e = this.entries.get(uri);
    if (!e || e.version !== version) return false;
    e.salvage = { version, text };
    this.rememberNow(e);
    return true;
  }

  /**
   * True when the current version is broken and neither a salvage nor the slow stages' result is
   * here yet. Before the version is checked this is a guess from the last check (an edit to a
   * broken file mostly leaves it broken), so the worker can start while this thread checks.
   */
  salvagePending(uri: string): boolean {
    const e = this.entries.get(uri);
    if (!e || e.full?.version === e.version || e.salvage?.version === e.version) return false;
    return e.checked?.version === e.version ? needsSalvage(e.checked.result) : e.wasBroken;
  }

  /** The current version as it is, never salvaged: for features that must not guess. */
  own(uri: string): Readable | undefined {
    const e = this.entries.get(uri);
    const checked = this.checked(uri);
    if (!e || !checked) return undefined;
    const full = e.full && e.full.version === e.version ? e.full : undefined;
    // The slow stages' result describes the text as it is only when it compiled.
    const enrichment = full && checked.result.front.module ? full.enrichment : undefined;
    return { checked, analysis: checked.result, full: full !== undefined, ...(enrichment ? { enrichment } : {}) };
  }

  /**
   * What hover-like features read for the current version; undefined while a broken version's
   * salvage is pending (`salvagePending`): it is made in the worker, never here (see salvages.ts).
   */
  readable(uri: string): Readable | undefined {
    const e = this.entries.get(uri);
    const r = e && this.readableOf(e, this.checked(uri), true);
    if (e && r) this.remember(e, r);
    return r;
  }

  /** Keeps `r`, the current version's Readable, as the document's last good one. */
  private remember(e: Entry, r: Readable): void {
    e.good = { version: e.version, text: e.text, readable: r };
    e.editsSinceGood = [];
  }

  /** After something arrived for the current version: remember its Readable if that needs no work here. */
  private rememberNow(e: Entry): void {
    const r = e.checked?.version === e.version ? this.readableOf(e, e.checked, false) : undefined;
    if (r) this.remember(e, r);
  }

  /**
   * The current version's Readable when it is there without any work on this thread (its check ran,
   * and a salvage it needs was made and checked); undefined otherwise, with nothing started.
   */
  readableNow(uri: string): Readable | undefined {
    const e = this.entries.get(uri);
    if (!e?.checked || e.checked.version !== e.version) return undefined;
    const r = this.readableOf(e, e.checked, false);
    if (r) this.remember(e, r);
    return r;
  }

  /**
   * The last Readable this document had (of the current or an older version), with the mapping of
   * offsets between the current text and its text: what hover answers from while a newer version is
   * being checked or salvaged. `back` is undefined on text typed since; `forward` on text edited since.
   */
  lastGood(uri: string): LastGood | undefined {
    const e = this.entries.get(uri);
    if (!e?.good) return undefined;
    const edits = e.editsSinceGood;
    return {
      ...e.good,
      back: (offset) => mapBack(edits, offset),
      forward: (offset) => mapForward(edits, offset),
    };
  }

  private readableOf(e: Entry, checked: DocAnalysis | undefined, compute: boolean): Readable | undefined {
    if (!checked) return undefined;
    const full = e.full && e.full.version === e.version ? e.full : undefined;
    if (checked.result.front.module) {
      return {
        checked, analysis: checked.result, full: full !== undefined, ...(full ? { enrichment: full.enrichment } : {}),
      };
    }
    if (full?.salvage) {
      const analysis = this.salvagedAnalysis(e, full.salvage.text, compute);
      return analysis && { checked, analysis, enrichment: full.salvage.enrichment, full: true };
    }
    if (full) return { checked, analysis: checked.result, full: true };
    if (!needsSalvage(checked.result)) return { checked, analysis: checked.result, full: false };
    const quick = e.salvage && e.salvage.version === e.version ? e.salvage : undefined;
    if (!quick) return undefined;
    const analysis = quick.text === null ? checked.result : this.salvagedAnalysis(e, quick.text, compute);
    return analysis && { checked, analysis, full: false };
  }

  /**
   * The check of a salvaged text: one check on this thread (none when `compute` is false), none when
   * the text is the last one's.
   */
  private salvagedAnalysis(e: Entry, text: string, compute: boolean): Analysis | undefined {
    if (e.salvaged?.text === text) return e.salvaged.analysis;
    if (!compute) return undefined;
    e.salvaged = { text, analysis: runAnalysis(text, false) };
    return e.salvaged.analysis;
  }
}
