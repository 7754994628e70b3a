// Salvage of broken documents without blocking the main thread: the worker blanks the broken
// statements (re-checking the text up to 6 times) and sends back the text, and the requests that
// read it wait for it asynchronously, so other messages (the next edit, its check) go on meanwhile.
// A request never gets an answer made for another version: when the document changes or closes
// before its salvage is there, it gets none.

import { Superseded, type BackgroundAnalyzer } from './background.js';
import type { DocumentStore, Readable } from './documents.js';
import { trace } from './trace.js';

export class Salvages {
  /** The version whose salvage is being made, per document. */
  private readonly asked = new Map<string, number>();
  /** Requests waiting for something to change for a document (a result, an edit, a close). */
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly store: DocumentStore,
    private readonly background: () => BackgroundAnalyzer | undefined,
    private readonly log: (what: string, e: unknown) => void,
  ) {}

  /** Asks the worker to salvage the current version if it is (or, unchecked, likely is) broken and nobody asked yet. */
  start(uri: string): void {
    const version = this.store.version(uri);
    const text = this.store.text(uri);
    if (version === undefined || text === undefined) return;
    if (this.asked.get(uri) === version || !this.store.salvagePending(uri)) return;
    const background = this.background();
    if (!background) { this.store.setSalvage(uri, version, null); return; } // not initialized: read the file as it is
    this.asked.set(uri, version);
    background.salvage(uri, text).then(
      (salvaged) => { trace('salvage-arrived', version); this.store.setSalvage(uri, version, salvaged); },
      (e: unknown) => {
        if (e instanceof Superseded) return; // a newer text is being (or will be) salvaged instead
        this.log('salvage', e);
        this.store.setSalvage(uri, version, null); // hover and hints then read the file as it is
      },
    ).finally(() => {
      if (this.asked.get(uri) === version) this.asked.delete(uri);
      this.wake(uri);
    });
  }

  /**
   * What features read for `uri` at `version` (the version the request was made against), once it
   * is there; undefined when the document changed or closed first.
   */
  async readable(uri: string, version: number): Promise<Readable | undefined> {
    for (;;) {
      if (this.store.version(uri) !== version) return undefined;
      const r = this.store.readable(uri);
      if (r) return r;
      this.start(uri);
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(uri);
        if (list) list.push(resolve); else this.waiters.set(uri, [resolve]);
      });
    }
  }

  /** Something a waiting request may need happened for `uri`: a result arrived, or it changed or closed. */
  wake(uri: string): void {
    const list = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const resolve of list ?? []) resolve();
  }

  /** The document closed: forget it, and let its waiting requests go. */
  closed(uri: string): void {
    this.asked.delete(uri);
    this.wake(uri);
  }
}
