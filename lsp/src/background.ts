// Runs the slow stages, and the salvage of broken files, in one worker thread: salvages first (a
// request waits on each), then the newest request per document. A newer text cancels a run on the
// old text: the worker stops it at its next step and posts nothing big, and a result that still
// arrives for an old text is dropped. The worker is never restarted for a newer text: a fresh
// worker loads every module and runs cold, which measured slower than letting the stale run reach
// its next step. Falls back to in-process when no worker starts.

import { Worker } from 'node:worker_threads';
import { fullAnalysis, type FullResult } from './full-analysis.js';
import { quickSalvage, type SalvageResult } from './quick-salvage.js';
import { now, trace } from './trace.js';

type Kind = 'full' | 'salvage';

interface Job {
  id: number;
  kind: Kind;
  uri: string;
  text: string;
  train: boolean;
  resolve: (r: FullResult | SalvageResult) => void;
  reject: (e: Error) => void;
}

interface Reply {
  id: number;
  result?: FullResult | SalvageResult;
  stale?: boolean;
  error?: string;
  started?: number;
  sent?: number;
}

/** The rejection of a job whose text went stale (not a failure). */
export class Superseded extends Error {
  constructor() { super('superseded'); }
}

export class BackgroundAnalyzer {
  private worker: Worker | undefined;
  private busy: Job | undefined;
  /** At most one waiting job per document and kind: a newer text replaces an older one. */
  private readonly waiting = new Map<string, Job>();
  /** Shared with the worker: the id of the running job the main thread cancelled. */
  private readonly cancelled = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;

  constructor(useWorker = true) {
    if (useWorker) this.start();
  }

  private start(): void {
    try {
      const url = new URL('./full-worker.js', import.meta.url);
      const worker = new Worker(url, { workerData: { cancelled: this.cancelled } });
      worker.unref();
      worker.on('message', (m: Reply) => {
        trace('worker-message', `id=${m.id} ${m.stale ? 'stale' : 'result'} ` +
          `ran=${((m.sent ?? 0) - (m.started ?? 0)).toFixed(1)} delivered-after=${(now() - (m.sent ?? 0)).toFixed(1)}`);
        this.finished(m);
      });
      worker.on('error', () => {
        if (this.worker === worker) { this.worker = undefined; this.failBusy(new Error('analysis worker failed')); }
      });
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  /** The slow stages (propagate, partition, cost) of `text`; with `train`, the training step too. */
  analyze(uri: string, text: string, train = false): Promise<FullResult> {
    return this.run('full', uri, text, train) as Promise<FullResult>;
  }

  /** The checked-stage salvage of a broken `text`: its blanked text, or null when there is none. */
  salvage(uri: string, text: string): Promise<string | null> {
    return (this.run('salvage', uri, text) as Promise<SalvageResult>).then((r) => r.text);
  }

  private run(kind: Kind, uri: string, text: string, train = false): Promise<FullResult | SalvageResult> {
    if (!this.worker) {
      return new Promise((resolve, reject) => setImmediate(() => {
        const r = inProcess(kind, text, train);
        if (r) resolve(r); else reject(new Superseded());
      }));
    }
    return new Promise((resolve, reject) => {
      this.cancelKind(uri, kind);
      this.waiting.set(key(kind, uri), { id: this.nextId++, kind, uri, text, train, resolve, reject });
      this.pump();
    });
  }

  /** The document changed: any job on its old text, running or waiting, is worthless now. */
  cancel(uri: string): void {
    this.cancelKind(uri, 'salvage');
    this.cancelKind(uri, 'full');
  }

  private cancelKind(uri: string, kind: Kind): void {
    this.waiting.get(key(kind, uri))?.reject(new Superseded());
    this.waiting.delete(key(kind, uri));
    const running = this.busy;
    if (running?.uri === uri && running.kind === kind) {
      Atomics.store(this.cancelled, 0, running.id);
      running.reject(new Superseded()); // a settled promise ignores the later resolve
    }
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.busy || !this.worker) return;
    // A salvage is what a waiting request needs; the slow stages only decorate.
    const job = [...this.waiting.values()].find((j) => j.kind === 'salvage') ?? this.waiting.values().next().value;
    if (!job) return;
    this.waiting.delete(key(job.kind, job.uri));
    this.busy = job;
    trace('worker-post', `${job.id} ${job.kind}`);
    this.worker.postMessage({ id: job.id, kind: job.kind, text: job.text, train: job.train });
  }

  private finished(m: Reply): void {
    const job = this.busy;
    this.busy = undefined;
    if (job && job.id === m.id) {
      if (m.result) job.resolve(m.result);
      else job.reject(m.stale ? new Superseded() : new Error(m.error ?? 'analysis failed'));
    }
    this.pump();
  }

  private failBusy(e: Error): void {
    this.busy?.reject(e);
    this.busy = undefined;
    for (const j of this.waiting.values()) {
      const r = inProcess(j.kind, j.text, j.train);
      if (r) j.resolve(r); else j.reject(new Superseded());
    }
    this.waiting.clear();
  }
}

const key = (kind: Kind, uri: string) => `${kind} ${uri}`;

function inProcess(kind: Kind, text: string, train: boolean): FullResult | SalvageResult | undefined {
  return kind === 'salvage' ? quickSalvage(text) : fullAnalysis(text, undefined, train);
}
