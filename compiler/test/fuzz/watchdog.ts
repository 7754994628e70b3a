// Runs a campaign in worker threads under a watchdog: an input that does not finish within
// `hangMs` (or that kills the worker: out of memory, a native crash) is a failure, and the
// campaign resumes after it in a fresh worker. Nothing here can freeze the caller.

import { Worker } from 'node:worker_threads';
import type { CampaignOptions, CampaignStats, FoundFailure } from './campaign.js';
import { inputAt } from './inputs.js';

export interface WatchdogOptions extends CampaignOptions {
  /** An input running longer than this is a hang: its worker is terminated. */
  readonly hangMs: number;
  /** Parallel workers, each on a contiguous share of [start, end). */
  readonly workers: number;
  /**
   * Stack of each worker, in MB. 1 is close to the main thread's default (984 KB), where the CLI
   * and the language server run: a bigger stack would hide overflows users hit.
   */
  readonly stackSizeMb: number;
  readonly heapMb: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onFailure?: (f: FoundFailure) => void;
}

export interface WatchdogResult extends CampaignStats {
  readonly found: FoundFailure[];
  readonly restarts: number;
}

function emptyStats(): CampaignStats {
  return { tried: 0, compiled: 0, failures: 0, byFamily: {}, maxMs: 0, maxMsHow: '' };
}

function merge(into: CampaignStats, s: CampaignStats): void {
  into.tried += s.tried;
  into.compiled += s.compiled;
  into.failures += s.failures;
  for (const [k, v] of Object.entries(s.byFamily)) into.byFamily[k] = (into.byFamily[k] ?? 0) + v;
  if (s.maxMs > into.maxMs) [into.maxMs, into.maxMsHow] = [s.maxMs, s.maxMsHow];
}

/** Runs [start, end) in one worker at a time, restarting after a hang or crash. */
async function runRange(o: WatchdogOptions, start: number, end: number, found: FoundFailure[], stats: CampaignStats, tick: () => void): Promise<number> {
  let restarts = 0;
  let next = start;
  const seen = new Set<string>();
  const report = (f: FoundFailure) => {
    if (seen.has(f.signature)) return;
    seen.add(f.signature);
    found.push(f);
    o.onFailure?.(f);
  };
  while (next < end) {
    const outcome = await new Promise<{ kind: 'done' } | { kind: 'dead'; index: number; why: string }>((resolve) => {
      const worker = new Worker(new URL('./worker.js', import.meta.url), {
        workerData: { seed: o.seed, start: next, end, budgetMs: o.budgetMs, cli: o.cli, minimize: o.minimize } satisfies CampaignOptions,
        resourceLimits: { stackSizeMb: o.stackSizeMb, maxOldGenerationSizeMb: o.heapMb },
      });
      let current = next;
      let began = Date.now();
      let settled = false;
      const finish = (v: { kind: 'done' } | { kind: 'dead'; index: number; why: string }) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        resolve(v);
      };
      const timer = setInterval(() => {
        if (Date.now() - began > o.hangMs) {
          void worker.terminate();
          finish({ kind: 'dead', index: current, why: `no result within ${o.hangMs} ms (hang)` });
        }
      }, 250);
      worker.on('message', (m: { type: string; index?: number; found?: FoundFailure; stats?: CampaignStats }) => {
        if (m.type === 'begin') {
          if (m.index! > current) tick();
          current = m.index!;
          began = Date.now();
        } else if (m.type === 'minimize') began = Date.now();
        else if (m.type === 'failure') report(m.found!);
        else if (m.type === 'done') {
          tick();
          merge(stats, m.stats!);
          finish({ kind: 'done' });
        }
      });
      worker.on('error', (e) => finish({ kind: 'dead', index: current, why: `worker died: ${e.message}` }));
      worker.on('exit', (code) => finish({ kind: 'dead', index: current, why: `worker exited with code ${code}` }));
    });
    if (outcome.kind === 'done') break;
    // The worker's own stats are lost with it: count what it got through from the begin messages.
    restarts++;
    const input = inputAt(o.seed, outcome.index);
    stats.tried += outcome.index - next + 1;
    stats.failures++;
    stats.byFamily[input.family] = (stats.byFamily[input.family] ?? 0) + 1;
    report({
      index: outcome.index, family: input.family, how: input.how, text: input.text,
      failure: { stage: 'time', kind: 'hang', message: outcome.why },
      signature: `time|hang|${input.family}|${input.how.replace(/\d+/g, 'N')}`,
    });
    next = outcome.index + 1;
    tick();
  }
  return restarts;
}

export async function runWithWatchdog(o: WatchdogOptions): Promise<WatchdogResult> {
  const found: FoundFailure[] = [];
  const stats = emptyStats();
  const total = o.end - o.start;
  let done = 0;
  const tick = () => o.onProgress?.(++done, total);
  const share = Math.ceil(total / Math.max(1, o.workers));
  const ranges: [number, number][] = [];
  for (let s = o.start; s < o.end; s += share) ranges.push([s, Math.min(o.end, s + share)]);
  const restarts = await Promise.all(ranges.map(([a, b]) => runRange(o, a, b, found, stats, tick)));
  return { ...stats, found, restarts: restarts.reduce((a, b) => a + b, 0) };
}
