// Peak resident set size of this process (every worker thread included): the kernel's high-water mark
// (VmHWM), reset before a run through /proc/self/clear_refs where Linux allows it, else sampled.

import { readFileSync, writeFileSync } from 'node:fs';

function hwmBytes() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Measures the peak RSS while `fn` runs: { value, peakBytes, beforeBytes, how }. */
export async function withPeakRss(fn) {
  const beforeBytes = process.memoryUsage.rss();
  let reset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
    reset = true;
  } catch { /* not Linux, or not allowed: sample instead */ }
  let sampled = beforeBytes;
  const timer = setInterval(() => { sampled = Math.max(sampled, process.memoryUsage.rss()); }, 5);
  try {
    const value = await fn();
    sampled = Math.max(sampled, process.memoryUsage.rss());
    const hwm = reset ? hwmBytes() : undefined;
    return { value, beforeBytes, peakBytes: hwm ?? sampled, how: hwm !== undefined ? 'VmHWM' : 'sampled every 5 ms' };
  } finally {
    clearInterval(timer);
  }
}
