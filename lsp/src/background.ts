// Runs the slow stages in one worker thread, newest request per document first. A newer text
// cancels a run on the old text: the worker stops it at its next step and posts nothing big, and a
// result that still arrives for an old text is dropped. The worker is never restarted for a newer
// text: a fresh worker loads every module and runs cold, which measured slower than letting the
// stale run reach its next step. Falls back to in-process when no worker starts.

import { Worker } from 'node:worker_threads';
import { fullAnalysis, type FullResult } from './full-analysis.js';
import { now, trace } from './trace.js';

interface Job { id: number; uri: string; text: string; resolve: (r: FullResult) => void; reject: (e: Error) => void }

interface Reply { id: number; result?: FullResult; stale?: boolean; error?: string; started?: number; sent?: number }

export class BackgroundAnalyzer {
  private worker: Worker | undefined;
  private busy: Job | undefined;
  /** At most one waiting job per document: a newer text replaces an older one. */
  private readonly waiting = new Map<string, Job>();
  /** Shared with the worker: the id of the running job the main thread cancelled. */
  private readonly cancelled = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;

  constructor(useWorker = true) {
    if (useWorker) this.start();
  }

  private start(): void {
    try {
      const worker = new Worker(new URL('./full-worker.js', import.meta.url), { workerData: { cancelled: this.cancelled } });
      worker.unref();
      worker.on('message', (m: Reply) => {
        trace('worker-message', `id=${m.id} ${m.stale ? 'stale' : 'result'} ran=${((m.sent ?? 0) - (m.started ?? 0)).toFixed(1)} delivered-after=${(now() - (m.sent ?? 0)).toFixed(1)}`);
        this.finished(m);
      });
      worker.on('error', () => { if (this.worker === worker) { this.worker = undefined; this.failBusy(new Error('analysis worker failed')); } });
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  analyze(uri: string, text: string): Promise<FullResult> {
    if (!this.worker) {
      return new Promise((resolve, reject) => setImmediate(() => {
        const r = fullAnalysis(text);
        if (r) resolve(r); else reject(new Error('superseded'));
      }));
    }
    return new Promise((resolve, reject) => {
      this.cancel(uri);
      this.waiting.set(uri, { id: this.nextId++, uri, text, resolve, reject });
      this.pump();
    });
  }

  /** The document changed: any analysis of its old text, running or waiting, is worthless now. */
  cancel(uri: string): void {
    this.waiting.get(uri)?.reject(new Error('superseded'));
    this.waiting.delete(uri);
    const running = this.busy;
    if (running?.uri === uri) {
      Atomics.store(this.cancelled, 0, running.id);
      running.reject(new Error('superseded')); // a settled promise ignores the later resolve
    }
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.busy || !this.worker) return;
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [uri, job] = next.value;
    this.waiting.delete(uri);
    this.busy = job;
    trace('worker-post', job.id);
    this.worker.postMessage({ id: job.id, text: job.text });
  }

  private finished(m: Reply): void {
    const job = this.busy;
    this.busy = undefined;
    if (job && job.id === m.id) {
      if (m.result) job.resolve(m.result);
      else job.reject(new Error(m.stale ? 'superseded' : m.error ?? 'analysis failed'));
    }
    this.pump();
  }

  private failBusy(e: Error): void {
    this.busy?.reject(e);
    this.busy = undefined;
    for (const j of this.waiting.values()) {
      const r = fullAnalysis(j.text);
      if (r) j.resolve(r); else j.reject(new Error('superseded'));
    }
    this.waiting.clear();
  }
}
