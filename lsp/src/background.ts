// Runs the slow stages in one worker thread, newest request per document first. A newer text drops
// the result of a run on the old text (the run itself finishes on the other core; a new request
// for the same document replaces the worker only when one is already waiting behind it).
// Falls back to in-process when no worker starts.

import { Worker } from 'node:worker_threads';
import { fullAnalysis, type FullResult } from './full-analysis.js';

interface Job { id: number; uri: string; text: string; resolve: (r: FullResult) => void; reject: (e: Error) => void }

export class BackgroundAnalyzer {
  private worker: Worker | undefined;
  private busy: Job | undefined;
  /** At most one waiting job per document: a newer text replaces an older one. */
  private readonly waiting = new Map<string, Job>();
  private nextId = 1;

  constructor(useWorker = true) {
    if (useWorker) this.start();
  }

  private start(): void {
    try {
      const worker = new Worker(new URL('./full-worker.js', import.meta.url));
      worker.unref();
      worker.on('message', (m: { id: number; result?: FullResult; error?: string }) => this.finished(m));
      worker.on('error', () => { if (this.worker === worker) { this.worker = undefined; this.failBusy(new Error('analysis worker failed')); } });
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  analyze(uri: string, text: string): Promise<FullResult> {
    if (!this.worker) return new Promise((resolve) => setImmediate(() => resolve(fullAnalysis(text))));
    return new Promise((resolve, reject) => {
      const replaced = this.waiting.get(uri);
      if (replaced) replaced.reject(new Error('superseded'));
      this.waiting.set(uri, { id: this.nextId++, uri, text, resolve, reject });
      if (this.busy?.uri === uri) this.restart();
      this.pump();
    });
  }

  /** The document changed: any analysis of its old text, running or waiting, is worthless now. */
  cancel(uri: string): void {
    this.waiting.get(uri)?.reject(new Error('superseded'));
    this.waiting.delete(uri);
    // A running analysis of the old text is left to finish on the other core and its result is
    // dropped: restarting the worker costs a fresh module load at exactly the moment the new
    // text is being checked, which measured slower (bench/lsp, edits 1 s apart).
    if (this.busy?.uri === uri) this.busy.reject(new Error('superseded'));
  }

  /** Cancels the running analysis: its result could only be stale. */
  private restart(): void {
    const old = this.worker;
    this.busy?.reject(new Error('superseded'));
    this.busy = undefined;
    this.worker = undefined;
    void old?.terminate();
    this.start();
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
