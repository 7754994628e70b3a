// Owns the worker threads of the simulated mesh: starting them (each initialises its own wasm backend),
// splitting devices over them, the shared memory through which they run collectives themselves, and
// resident runs (a program and its fed-back buffers loaded once, then stepped).
import { Worker } from 'node:worker_threads';
import { plainSpans } from '@gshard/grammar';
import { availableParallelism } from 'node:os';
import type { Module } from '../ir/module.js';
import { meshSize } from '../ir/mesh.js';
import type { BackendInfo, NDArray } from '../runtime/index.js';
import type { KernelStats } from './device-runner.js';
import type { DeviceGroupRunner, MeshRunResult, WorkerRun } from './mesh-sim.js';
import type { Feedback, FeedUpdate, ToMain, ToWorker } from './worker-protocol.js';
import type { ResidentMesh, ResidentRunner, ResidentStep } from './resident-mesh.js';
import { Exchange } from './shared-exchange.js';
import { WorkerFault } from './worker-fault.js';
import { at } from '../util/checked.js';

/** One worker per core by default: the wasm backend runs one thread (threads do not start in Node). */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

class Channel {
  private readonly inbox: ToMain[] = [];
  private waiting: { resolve: (m: ToMain) => void; reject: (e: Error) => void } | undefined;
  failure: Error | undefined;
  /** Called for each `progress` message (they never wait in the inbox). */
  onProgress: ((op: number) => void) | undefined;
  /** Settles with the first failure: an error the worker sent or threw, or its exit. */
  readonly failed: Promise<Error>;
  private readonly onFailure: (e: Error) => void;

  constructor(readonly worker: Worker) {
    let settle = (_e: Error): void => {};
    this.failed = new Promise((resolve) => (settle = resolve)); // the executor runs now, before the next line
    this.onFailure = settle;
    worker.on('message', (m: ToMain) => this.push(m));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`exited with code ${code}`)); });
  }

  private push(m: ToMain): void {
    if (m.type === 'error') { this.fail(new Error(m.message)); return; }
    if (m.type === 'progress') { this.onProgress?.(m.op); return; }
    if (this.waiting) { const w = this.waiting; this.waiting = undefined; w.resolve(m); } else this.inbox.push(m);
  }

  private fail(e: Error): void {
    if (!this.failure) this.onFailure(e);
    this.failure ??= e;
    if (this.waiting) { const w = this.waiting; this.waiting = undefined; w.reject(e); }
  }

  next(): Promise<ToMain> {
    const m = this.inbox.shift();
    if (m) return Promise.resolve(m);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  send(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}

export class WorkerPool implements DeviceGroupRunner, ResidentRunner {
  private closed = false;
  private readonly exchange = new Exchange();
  /**
   * Workers idle at a barrier compute rows of the others' large matmuls (matmul-sharing.ts); off, each worker runs
   * only its own devices' work (the bench measures both).
   */
  shareMatmuls = true;

  private constructor(private readonly channels: Channel[], readonly backend: BackendInfo) {}

  /** Starts `count` workers and waits until each has its wasm backend. */
  static async start(count = defaultWorkerCount()): Promise<WorkerPool> {
    const url = new URL('./device-worker.js', import.meta.url);
    const channels = Array.from({ length: Math.max(1, count) }, () => new Channel(new Worker(url)));
    try {
      const ready = await Promise.all(channels.map((c) => c.next()));
      const first = at(ready, 0, 'worker replies'); // at least one worker
      if (first.type !== 'ready') throw new Error(`mesh worker sent ${first.type} before ready`);
      return new WorkerPool(channels, first.backend);
    } catch (e) {
      await Promise.all(channels.map((c) => c.worker.terminate()));
      throw e;
    }
  }

  get size(): number {
    return this.channels.length;
  }

  /** Device ids per worker: contiguous blocks, so neighbours along the last axis share a worker. */
  assignment(n: number): number[][] {
    const k = Math.min(this.channels.length, n);
    return Array.from({ length: k }, (_, w) =>
      Array.from({ length: n }, (_, d) => d).filter((d) => Math.floor((d * k) / n) === w));
  }

  /** Runs the devices on the workers (a failed worker stops them all: see `guarded`). */
  async run(
    local: Module, feeds: readonly (readonly NDArray[])[], onProgress?: (done: number, total: number) => void,
  ): Promise<MeshRunResult> {
    const groups = this.assignment(meshSize(local.mesh));
    return this.guarded(groups, () => this.runOn(local, feeds, groups, onProgress));
  }

  /**
   * Loads `local` and each device's feeds into the workers once; each step then sends only which outputs
   * to return (and any feed updates), and the fed-back outputs stay in the workers as the next feeds.
   */
  async resident(
    local: Module, feeds: readonly (readonly NDArray[])[], feedback: readonly Feedback[],
  ): Promise<ResidentMesh> {
    const n = meshSize(local.mesh);
    const groups = this.assignment(n);
    const used = this.channels.slice(0, groups.length);
    await this.guarded(groups, async () => {
      const module = plainSpans(local);
      const exchange = this.exchange.init(local, n, used.length);
      used.forEach((c, w) => {
        const devices = groups[w]!; // one group per used channel
        c.send({
          type: 'load', module, devices, feeds: devices.map((d) => at(feeds, d, 'device feeds')),
          exchange: { ...exchange, worker: w },
          feedback, share: this.shareMatmuls,
        });
      });
      for (const [w, m] of (await Promise.all(used.map((c) => c.next()))).entries()) {
        if (m.type !== 'loaded') throw new Error(`mesh worker ${w} sent ${m.type} where loaded was expected`);
      }
    });
    return { step: (returns, updates = []) => this.guarded(groups, () => this.stepOn(n, groups, returns, updates)) };
  }

  private async stepOn(
    n: number, groups: number[][], returns: readonly number[], updates: readonly FeedUpdate[],
  ): Promise<ResidentStep> {
    const used = this.channels.slice(0, groups.length);
    const t0 = performance.now();
    used.forEach((c, w) => {
      const devices = groups[w]!; // one group per used channel
      // an update has one array per device of the mesh (ResidentMesh.step)
      const mine = updates.map((u) => ({ feed: u.feed, arrays: devices.map((d) => u.arrays[d]!) }));
      c.send({ type: 'step', returns, updates: mine, progress: false });
    });
    const done = await Promise.all(used.map((c) => c.next()));
    const ms = performance.now() - t0;
    const outputs = new Array<NDArray[]>(n);
    done.forEach((m, w) => {
      if (m.type !== 'done') throw new Error(`mesh worker ${w} sent ${m.type} where done was expected`);
      // a worker answers with one output list per device of its group
      groups[w]!.forEach((d, k) => { outputs[d] = [...m.outputs[k]!]; });
    });
    return { outputs, ms };
  }

  /**
   * Runs `body` on the workers of `groups`. If any worker throws or dies, every worker is stopped (a run
   * cannot continue without one of its devices) and the error names the failed worker's devices.
   */
  private async guarded<T>(groups: number[][], body: () => Promise<T>): Promise<T> {
    const used = this.channels.slice(0, groups.length);
    const failures = used.map((c, w) => c.failed.then((e) => ({ w, e })));
    const fault = Promise.race(failures).then(({ w, e }) => {
      throw new WorkerFault(at(groups, w, 'device groups'), e.message);
    });
    try {
      return await Promise.race([body(), fault]);
    } catch (e) {
      this.exchange.abort(); // wakes the workers waiting at a barrier for the failed one
      await this.terminate();
      if (e instanceof WorkerFault) throw e;
      // a protocol error seen first by one channel: name its devices if a worker reported a failure
      const w = used.findIndex((c) => c.failure);
      const failure = used[w]?.failure;
      if (failure) throw new WorkerFault(at(groups, w, 'device groups'), failure.message);
      throw e;
    } finally {
      void fault.catch(() => {});
    }
  }

  private async runOn(
    local: Module, feeds: readonly (readonly NDArray[])[], groups: number[][],
    onProgress?: (done: number, total: number) => void,
  ): Promise<MeshRunResult> {
    const n = meshSize(local.mesh);
    const used = this.channels.slice(0, groups.length);
    const l0 = performance.now();
    // Spans are lazy (offsets + a line index); a structured clone would drop their positions.
    const module = plainSpans(local);
    const exchange = this.exchange.init(local, n, used.length);
    const total = local.ops.length;
    used.forEach((c, w) => {
      c.onProgress = w === 0 && onProgress ? (op) => onProgress(op + 1, total) : undefined;
      const devices = at(groups, w, 'device groups');
      const own = devices.map((d) => at(feeds, d, 'device feeds'));
      c.send({
        type: 'run', module, devices, feeds: own, exchange: { ...exchange, worker: w },
        progress: w === 0 && !!onProgress, share: this.shareMatmuls,
      });
    });
    for (const [w, m] of (await Promise.all(used.map((c) => c.next()))).entries()) {
      if (m.type !== 'loaded') throw new Error(`mesh worker ${w} sent ${m.type} where loaded was expected`);
    }
    const loadMs = performance.now() - l0;
    // timing starts with every device holding its tiles, as the reference starts with its inputs in memory
    const t0 = performance.now();
    for (const c of used) c.send({ type: 'go' });
    const done = await Promise.all(used.map((c) => c.next()));
    const ms = performance.now() - t0;
    const outputs = new Array<NDArray[]>(n);
    const stats = new Array<KernelStats>(n);
    const workers: WorkerRun[] = [];
    let workerRss = 0;
    done.forEach((m, w) => {
      if (m.type !== 'done') throw new Error(`mesh worker ${w} sent ${m.type} where done was expected`);
      const devices = at(groups, w, 'device groups');
      devices.forEach((d, k) => {
        outputs[d] = [...at(m.outputs, k, 'worker outputs')];
        stats[d] = at(m.stats, k, 'worker stats');
      });
      workers.push({ devices, ...m.times });
      workerRss = Math.max(workerRss, m.rssBytes);
    });
    for (const c of used) c.onProgress = undefined;
    onProgress?.(total, total);
    // the collectives run in every worker at once: the busiest worker's share is the mesh's
    const collectiveMs = Math.max(...workers.map((x) => x.collectiveMs));
    return { outputs, stats, ms, collectiveMs, loadMs, workers, rssBytes: workerRss };
  }

  /** Stops every worker now (after a fault: the others may be waiting on a collective forever). */
  async terminate(): Promise<void> {
    this.closed = true;
    await Promise.all(this.channels.map((c) => c.worker.terminate()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.channels) c.send({ type: 'exit' });
    await Promise.all(this.channels.map((c) => new Promise<void>((resolve) => {
      const t = setTimeout(() => { void c.worker.terminate().then(() => resolve()); }, 2000);
      c.worker.once('exit', () => { clearTimeout(t); resolve(); });
    })));
  }
}
