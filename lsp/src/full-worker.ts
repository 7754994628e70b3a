// Worker-thread entry: runs the slow stages and the salvage of broken files off the main thread, so
// hover and typing stay responsive. It runs at a lower CPU priority than the main thread (Linux
// nice values are per thread), so when the two compete for a core (2 cores, other processes)
// checking the newest text wins. A job the main thread cancelled (its id in the shared `cancelled`
// slot) stops at the next step and answers with a few bytes instead of its result. The bulk of a
// result is transferred, not copied.

import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { plainSpans } from '@gshard/grammar';
import { fullAnalysis } from './full-analysis.js';
import { quickSalvage } from './quick-salvage.js';
import { now } from './trace.js';

/** Nice value of this thread: 10 leaves the main thread ~90% of a contended core. */
const BACKGROUND_NICE = 10;

try { setPriority(BACKGROUND_NICE); } catch { /* not permitted or not supported: run at normal priority */ }

const cancelled = (workerData as { cancelled?: Int32Array } | undefined)?.cancelled;

const port = parentPort;
port?.on('message', (req: { id: number; kind: 'full' | 'salvage'; text: string; train?: boolean }) => {
  if (!port) return; // unreachable: the handler is registered on this port
  const started = now();
  const stop = () => cancelled !== undefined && Atomics.load(cancelled, 0) === req.id;
  try {
    if (req.kind === 'salvage') {
      const result = quickSalvage(req.text, stop); // a string and a flag: nothing to transfer
      port.postMessage(result
        ? { id: req.id, result, started, sent: now() }
        : { id: req.id, stale: true, started, sent: now() });
      return;
    }
    // Spans are lazy (offsets + a line index) and a structured clone would drop their positions;
    // the wire form is mostly strings already, so this copies only the diagnostics.
    const result = plainSpans(fullAnalysis(req.text, stop, req.train === true));
    if (!result) { port.postMessage({ id: req.id, stale: true, started, sent: now() }); return; }
    const details = [result.enrichment.detail, ...(result.salvage ? [result.salvage.enrichment.detail] : [])];
    const buffers = details.map((b) => b.buffer as ArrayBuffer);
    port.postMessage({ id: req.id, result, started, sent: now() }, buffers);
  } catch (e) {
    port.postMessage({ id: req.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
