// Owns one worker thread of the simulated mesh: its own wasm backend, a group of devices, and the message protocol with the pool.
import { parentPort } from 'node:worker_threads';
import { initBackend, type NDArray } from '../runtime/index.js';
import type { Module } from '../ir/module.js';
import { DeviceRunner, emptyStats, segmentsOf } from './device-runner.js';
import { lastUses } from './liveness.js';
import type { ToMain, ToWorker } from './worker-protocol.js';
import { injectedFault } from './worker-fault.js';

const port = parentPort;
if (!port) throw new Error('device-worker.js must run in a worker thread');

const inbox: ToWorker[] = [];
let waiting: ((m: ToWorker) => void) | undefined;
port.on('message', (m: ToWorker) => {
  if (waiting) { const w = waiting; waiting = undefined; w(m); } else inbox.push(m);
});
const next = (): Promise<ToWorker> => (inbox.length ? Promise.resolve(inbox.shift()!) : new Promise((r) => (waiting = r)));
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

for (;;) {
  const msg = await next();
  if (msg.type === 'exit') break;
  if (msg.type !== 'run') continue;
  try {
    await run(msg.module, msg.devices, msg.feeds);
  } catch (e) {
    send({ type: 'error', message: (e as Error).message });
  }
}
process.exit(0);

async function run(module: Module, devices: readonly number[], feeds: readonly (readonly NDArray[])[]): Promise<void> {
  const last = lastUses(module);
  const stats = devices.map(() => emptyStats());
  const runners = devices.map((d, k) => new DeviceRunner(module, d, feeds[k]!, stats[k]!, last));
  send({ type: 'loaded' });
  const go = await next();
  if (go.type !== 'go') throw new Error(`worker expected go, got ${go.type}`);
  for (const seg of segmentsOf(module)) {
    runners.forEach((r, k) => {
      const fault = injectedFault(devices[k]!);
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
    const bufs = runners.map((r) => r.collectiveOperand(i, true));
    const handed = new Set(transferables(bufs));
    send({ type: 'collective', op: i, bufs }, [...handed]);
    const reply = await next();
    if (reply.type !== 'collected' || reply.op !== i) throw new Error(`worker expected the result of collective ${i}, got ${reply.type}`);
    runners.forEach((r, k) => r.finishCollective(i, reply.bufs[k]!, true));
  }
  const outputs = runners.map((r) => r.outputs());
  send({ type: 'done', outputs, stats }, transferables(outputs.flat()));
}
