// Suggested shardings per document, searched in a worker thread of their own after a clean file's slow stages
// arrive, and dropped (the running search cancelled) on every edit. A code action reads only a finished result
// for the document's current version: nothing waits on the search.

import { Worker } from 'node:worker_threads';
import { type EditorSuggestion, suggestForEditor } from './suggestion.js';

interface Reply { id: number; result?: EditorSuggestion | null; stale?: boolean; error?: string }

export class Suggestions {
  private worker: Worker | undefined;
  private readonly cancelled = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  /** The running search: one at a time; a newer request replaces a waiting one. */
  private running: { id: number; uri: string; version: number } | undefined;
  private waiting: { uri: string; version: number; text: string } | undefined;
  private readonly ready = new Map<string, { version: number; suggestion: EditorSuggestion | null }>();

  constructor(private readonly useWorker: boolean, private readonly log: (what: string, e: unknown) => void) {}

  /** The finished suggestion for `version`, or undefined while none is. */
  get(uri: string, version: number): EditorSuggestion | null | undefined {
    const r = this.ready.get(uri);
    return r && r.version === version ? r.suggestion : undefined;
  }

  /** Searches `text` (a clean file) unless this version is searched or being searched already. */
  request(uri: string, version: number, text: string): void {
    if (this.ready.get(uri)?.version === version) return;
    if (this.running?.uri === uri && this.running.version === version) return;
    this.waiting = { uri, version, text };
    this.pump();
  }

  /** The document changed or closed: its result and any search of it are worthless. */
  cancel(uri: string): void {
    this.ready.delete(uri);
    if (this.waiting?.uri === uri) this.waiting = undefined;
    if (this.running?.uri === uri) Atomics.store(this.cancelled, 0, this.running.id);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || !this.waiting) return;
    const job = this.waiting;
    this.waiting = undefined;
    const id = this.nextId++;
    this.running = { id, uri: job.uri, version: job.version };
    const worker = this.useWorker ? this.start() : undefined;
    if (worker) {
      worker.postMessage({ id, text: job.text });
      return;
    }
    setImmediate(() => {
      try {
        const r = suggestForEditor(job.text, () => Atomics.load(this.cancelled, 0) === id);
        this.finished(r === 'cancelled' ? { id, stale: true } : { id, result: r });
      } catch (e) {
        this.finished({ id, error: String(e) });
      }
    });
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(new URL('./suggest-worker.js', import.meta.url),
        { workerData: { cancelled: this.cancelled } });
      worker.unref();
      worker.on('message', (m: Reply) => this.finished(m));
      worker.on('error', (e) => {
        this.log('suggested sharding', e);
        if (this.worker === worker) this.worker = undefined;
        this.running = undefined;
      });
      this.worker = worker;
      return worker;
    } catch (e) {
      this.log('suggested sharding worker', e);
      return undefined;
    }
  }

  private finished(m: Reply): void {
    const job = this.running;
    this.running = undefined;
    if (job && job.id === m.id && !m.stale && Atomics.load(this.cancelled, 0) !== m.id) {
      if (m.error !== undefined) this.log('suggested sharding', new Error(m.error));
      else this.ready.set(job.uri, { version: job.version, suggestion: m.result ?? null });
    }
    this.pump();
  }
}
