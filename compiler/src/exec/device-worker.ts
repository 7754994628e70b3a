// Owns one worker thread of the simulated mesh: its own wasm backend, a group of devices, their
// collectives (computed here, from the operands every worker publishes in shared memory), the buffers
// a resident run keeps here between steps, and the message protocol with the pool.
import { parentPort } from 'node:worker_threads';
import { copyData, holdResident, initBackend, type NDArray } from '../runtime/index.js';
import { setMatmulSharer } from '../runtime/matmul-share.js';
import type { Module } from '../ir/module.js';
import { meshSize } from '../ir/mesh.js';
import { DeviceRunner, emptyStats, segmentsOf } from './device-runner.js';
import { lastUses } from './liveness.js';
import type { Feedback, ToMain, ToWorker, WorkerTimes } from './worker-protocol.js';
import { injectedFault } from './worker-fault.js';
import { runCollective } from './collective-step.js';
import { ExchangeView, type ExchangeInit } from './shared-exchange.js';
import { at } from '../util/checked.js';

const port = parentPort;
if (!port) throw new Error('device-worker.js must run in a worker thread');

const inbox: ToWorker[] = [];
let waiting: ((m: ToWorker) => void) | undefined;
port.on('message', (m: ToWorker) => {
  if (waiting) { const w = waiting; waiting = undefined; w(m); } else inbox.push(m);
});
const next = (): Promise<ToWorker> => {
  const m = inbox.shift();
  return m ? Promise.resolve(m) : new Promise((r) => (waiting = r));
};
const send = (m: ToMain, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

/** Buffers that can be handed over without a copy: whole ArrayBuffers, each once. */
function transferables(arrays: readonly NDArray[]): ArrayBuffer[] {
  const seen = new Set<ArrayBufferLike>();
  for (const a of arrays) {
    const b = a.data.buffer;
    if (b instanceof ArrayBuffer && a.data.byteOffset === 0 && a.data.byteLength === b.byteLength) seen.add(b);
  }
  return [...seen] as ArrayBuffer[];
}

const info = await initBackend();
send({ type: 'ready', backend: info });

/** A resident run's program and its devices' feeds, which steps update in place (worker-protocol.ts). */
interface Resident {
  readonly module: Module;
  readonly devices: readonly number[];
  readonly feeds: NDArray[][];
  readonly exchange: ExchangeView;
  readonly last: Map<number, number>;
  readonly feedback: readonly Feedback[];
  readonly share: boolean;
}
let resident: Resident | undefined;

for (;;) {
  const msg = await next();
  if (msg.type === 'exit') break;
  // this worker's devices' inputs and params are read-only for a run or a step: matmuls may keep them on the
  // wasm heap (a step's feeds are replaced by its fed-back outputs afterwards, never written in place)
  const held = msg.type === 'run' ? msg.feeds.flat() : msg.type === 'step' ? (resident?.feeds.flat() ?? []) : [];
  const closeResident = holdResident(held);
  try {
    if (msg.type === 'run') await run(msg.module, msg.devices, msg.feeds, msg.exchange, msg.progress, msg.share);
    else if (msg.type === 'load') {
      const { module, devices, feedback, share } = msg;
      const feeds = msg.feeds.map((f) => [...f]);
      const exchange = new ExchangeView(msg.exchange);
      resident = { module, devices, feeds, exchange, last: lastUses(module), feedback, share };
      send({ type: 'loaded' });
    } else if (msg.type === 'step') {
      if (!resident) throw new Error('mesh worker got step before load');
      step(resident, msg.returns, msg.updates, msg.progress);
    }
  } catch (e) {
    send({ type: 'error', message: (e as Error).message });
  } finally {
    closeResident();
  }
}
process.exit(0);

/** One step of the resident run: only `returns` go back; fed-back outputs stay here as the next feeds. */
function step(
  r: Resident, returns: readonly number[], updates: Extract<ToWorker, { type: 'step' }>['updates'], progress: boolean,
): void {
  for (const u of updates) {
    r.feeds.forEach((f, k) => {
      const a = u.arrays[k];
      if (!a) throw new Error(`feed update ${u.feed} has no array for device ${r.devices[k]}`);
      f[u.feed] = a;
    });
  }
  const stats = r.devices.map(() => emptyStats());
  const runners = r.devices.map((d, k) => new DeviceRunner(r.module, d, must(r.feeds[k]), must(stats[k]), r.last));
  const times = runSegments(r.module, r.devices, runners, r.exchange, progress, r.share);
  const all = runners.map((x) => x.outputs());
  all.forEach((outs, k) => {
    for (const fb of r.feedback) must(r.feeds[k])[fb.feed] = must(outs[fb.output]);
  });
  const outputs = all.map((outs) => returns.map((i) => must(outs[i])));
  const computeMs = stats.reduce((s, x) => s + x.computeMs, 0);
  // the next step's feeds stay here (a transfer would detach them): only other buffers are handed over
  const feeding = new Set<ArrayBufferLike>(r.feeds.flat().map((a) => a.data.buffer));
  const away = transferables(outputs.flat()).filter((b) => !feeding.has(b));
  send({
    type: 'done', outputs, stats, times: { computeMs, ...times }, rssBytes: process.memoryUsage.rss(),
  }, away);
}

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('mesh worker: a device, feed or output is missing');
  return x;
}

async function run(
  module: Module, devices: readonly number[], feeds: readonly (readonly NDArray[])[],
  init: ExchangeInit, progress: boolean, share: boolean,
): Promise<void> {
  const last = lastUses(module);
  const stats = devices.map(() => emptyStats());
  const runners = devices.map((d, k) =>
    new DeviceRunner(module, d, at(feeds, k, 'worker feeds'), at(stats, k, 'stats'), last));
  const exchange = new ExchangeView(init);
  send({ type: 'loaded' });
  const go = await next();
  if (go.type !== 'go') throw new Error(`worker expected go, got ${go.type}`);
  const shared = runSegments(module, devices, runners, exchange, progress, share);
  const outputs = runners.map((r) => r.outputs());
  const computeMs = stats.reduce((s, x) => s + x.computeMs, 0);
  const rssBytes = process.memoryUsage.rss();
  // The buffer pool stays warm for the next run: fresh pages cost ~16 µs per 4 KiB on the measured VM.
  const times = { computeMs, ...shared };
  send({ type: 'done', outputs, stats, times, rssBytes }, transferables(outputs.flat()));
}

/**
 * Runs the program on this worker's devices, between collectives computed with the other workers; with `share`,
 * their large matmuls may hand rows to a worker idle at a barrier, and this one helps the others when it is.
 */
function runSegments(
  module: Module, devices: readonly number[], runners: readonly DeviceRunner[], exchange: ExchangeView,
  progress: boolean, share: boolean,
): Omit<WorkerTimes, 'computeMs'> {
  const before = setMatmulSharer(share ? exchange.sharing : undefined);
  try {
    const { helpMs, rowsGiven, rowsTaken } = exchange.sharing;
    const times = runEachSegment(module, devices, runners, exchange, progress);
    // a last barrier: the worker done first helps with the others' last matmuls instead of leaving
    const waitMs = times.waitMs + exchange.arrive();
    const s = exchange.sharing;
    return {
      ...times, waitMs, helpMs: s.helpMs - helpMs,
      rowsGiven: s.rowsGiven - rowsGiven, rowsTaken: s.rowsTaken - rowsTaken,
    };
  } finally {
    setMatmulSharer(before);
  }
}

/** Each segment on every device of this worker, then its collective with the other workers. */
function runEachSegment(
  module: Module, devices: readonly number[], runners: readonly DeviceRunner[], exchange: ExchangeView,
  progress: boolean,
): { collectiveMs: number; waitMs: number } {
  const n = meshSize(module.mesh);
  const own = new Set(devices); // the devices whose collective results this worker computes
  let collectiveMs = 0;
  let waitMs = 0;
  let parity = 0;
  for (const seg of segmentsOf(module)) {
    runners.forEach((r, k) => {
      const fault = injectedFault(devices[k]!); // one runner per device, in order
      if (fault === 'exit') process.exit(7); // as if the thread died (out of memory, a crash in wasm)
      if (fault === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocks, idle, for good
      try {
        if (fault === 'throw') throw new Error('injected fault');
        r.runRange(seg.from, seg.to);
      } catch (e) {
        throw new Error(`device ${devices[k]}: ${(e as Error).message}`);
      }
    });
    if (seg.collective === undefined) continue;
    const i = seg.collective;
    const op = module.ops[i]!; // i is a collective's index in this program
    const c0 = performance.now();
    // one runner per device, in order
    runners.forEach((r, k) => exchange.publish(devices[k]!, parity, r.collectiveOperand(i, false)));
    const waited = exchange.arrive();
    const t = op.operands[0]!.type; // a collective has one operand (verifier)
    const bufs = Array.from({ length: n }, (_, d) => exchange.view(d, parity, t));
    const results = runCollective(op, module.mesh, bufs, own);
    runners.forEach((r, k) => {
      // k indexes devices; runCollective returns an entry per mesh device
      const res = results[devices[k]!]!;
      // a result still in a slot would be overwritten two collectives later: keep a copy
      r.finishCollective(i, exchange.holds(res) ? { ...res, data: copyData(res.data) } : res, false);
    });
    parity ^= 1;
    waitMs += waited;
    collectiveMs += performance.now() - c0 - waited;
    if (progress) send({ type: 'progress', op: i });
  }
  return { collectiveMs, waitMs };
}
