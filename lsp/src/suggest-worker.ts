// Worker-thread entry for suggested shardings: the search prices many variants of the file, so it runs in its
// own thread (never in front of a salvage or the slow stages a hover reads) at the lowest CPU priority, and
// stops between pricings when the main thread marks its request cancelled (its id in the shared slot).

import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { suggestForEditor } from './suggestion.js';

/** Nice 19: a search never takes a contended core from checking or the slow stages. */
const SEARCH_NICE = 19;

try { setPriority(SEARCH_NICE); } catch { /* not permitted or not supported: run at normal priority */ }

const cancelled = (workerData as { cancelled?: Int32Array } | undefined)?.cancelled;

const port = parentPort;
port?.on('message', (req: { id: number; text: string }) => {
  if (!port) return; // unreachable: the handler is registered on this port
  const stop = () => cancelled !== undefined && Atomics.load(cancelled, 0) === req.id;
  try {
    const result = suggestForEditor(req.text, stop);
    port.postMessage(result === 'cancelled' ? { id: req.id, stale: true } : { id: req.id, result });
  } catch (e) {
    port.postMessage({ id: req.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
