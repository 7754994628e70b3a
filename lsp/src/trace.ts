// Optional timing trace of the server (GSHARD_LSP_TRACE=1): one stderr line per event with an
// absolute timestamp (ms since the epoch, comparable across threads and with the client), the
// main thread's CPU time and run-queue wait so far (Linux schedstat, to tell our work from a busy
// machine), plus every GC pause of the thread. Off by default; bench/lsp/trace.js reads it.

import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

export const tracing = !!process.env['GSHARD_LSP_TRACE'];

/** Absolute time in ms (the same clock in the main thread, the worker and the client). */
export const now = (): number => performance.timeOrigin + performance.now();

/** This thread's time on a CPU and waiting for one, in ms ('' where /proc has no schedstat). */
function schedstat(): string {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    if (run === undefined || wait === undefined) return '';
    return ` cpu=${(run / 1e6).toFixed(1)} runq=${(wait / 1e6).toFixed(1)}`;
  } catch {
    return '';
  }
}

export function trace(event: string, detail: string | number = ''): void {
  if (tracing) process.stderr.write(`[gshard-trace] ${now().toFixed(1)} ${event} ${detail}${schedstat()}\n`);
}

if (tracing && isMainThread) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const at = (performance.timeOrigin + e.startTime).toFixed(1);
      process.stderr.write(`[gshard-trace] ${at} gc ${e.duration.toFixed(1)}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
}
