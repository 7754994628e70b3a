// Runs the slow stages in one worker thread, newest request per document first; stale results are
// the caller's to drop. Falls back to running in-process when a worker cannot be started.

import { Worker } from 'node:worker_threads';
import { fullAnalysis, type FullResult } from './full-analysis.js';

interface Job { id: number; text: string; resolve: (r: FullResult) => void; reject: (e: Error) => void }

export class BackgroundAnalyzer {
  private worker: Worker | undefined;
  private busy: Job | undefined;
  /** At most one waiting job per document: a newer text replaces an older one. */
  private readonly waiting = new Map<string, Job>();
  private nextId = 1;

  constructor(useWorker = true) {
    if (!useWorker) return;
    try {
      this.worker = new Worker(new URL('./full-worker.js', import.meta.url));
      this.worker.unref();
      this.worker.on('message', (m: { id: number; result?: FullResult; error?: string }) => this.finished(m));
      this.worker.on('error', () => { this.worker = undefined; this.failBusy(new Error('analysis worker failed')); });
    } catch {
      this.worker = undefined;
    }
  }

  analyze(uri: string, text: string): Promise<FullResult> {
    if (!this.worker) return new Promise((resolve) => setImmediate(() => resolve(fullAnalysis(text))));
    return new Promise((resolve, reject) => {
      const replaced = this.waiting.get(uri);
      if (replaced) replaced.reject(new Error('superseded'));
      this.waiting.set(uri, { id: this.nextId++, text, resolve, reject });
      this.pump();
    });
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
    this.worker.postMessage({ id: job.id, text: job.text });
  }

  private finished(m: { id: number; result?: FullResult; error?: string }): void {
    const job = this.busy;
    this.busy = undefined;
    if (job && job.id === m.id) {
      if (m.result) job.resolve(m.result);
      else job.reject(new Error(m.error ?? 'analysis failed'));
    }
    this.pump();
  }

  private failBusy(e: Error): void {
    this.busy?.reject(e);
    this.busy = undefined;
    for (const j of this.waiting.values()) j.resolve(fullAnalysis(j.text));
    this.waiting.clear();
  }
}
