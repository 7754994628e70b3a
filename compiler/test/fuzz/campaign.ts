// One fuzz campaign in this thread: inputs [start, end) of a seed, each checked by the property;
// reports each input's start (for the watchdog) and each new failure (minimized) through callbacks.

import { checkInput, failureSignature, loadOptionalStages, type Failure } from './property.js';
import { CHUNK, inputsOfChunk, type FuzzInput } from './inputs.js';
import { minimize } from './minimize.js';
import { knownBugOf } from './known-bugs.js';

/** Time allowed to shrink one failure; the watchdog's hang bound must exceed it. */
export const MINIMIZE_MS = 8000;

export interface CampaignOptions {
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly budgetMs: number;
  readonly cli: boolean;
  /** Shrink each new failure (ddmin, bounded). */
  readonly minimize: boolean;
}

export interface FoundFailure {
  readonly index: number;
  readonly family: FuzzInput['family'];
  readonly how: string;
  readonly text: string;
  readonly minimized?: string;
  readonly failure: Failure;
  readonly signature: string;
}

export interface CampaignStats {
  tried: number;
  compiled: number;
  failures: number;
  byFamily: Record<string, number>;
  maxMs: number;
  maxMsHow: string;
}

export async function runCampaign(
  o: CampaignOptions,
  onBegin: (index: number) => void,
  onFailure: (f: FoundFailure) => void,
  /** Called before minimizing (which may take up to MINIMIZE_MS): the watchdog restarts its clock. */
  onMinimize: (index: number) => void = () => {},
): Promise<CampaignStats> {
  const optional = await loadOptionalStages();
  const options = { budgetMs: o.budgetMs, cli: o.cli, cost: optional.cost };
  const stats: CampaignStats = { tried: 0, compiled: 0, failures: 0, byFamily: {}, maxMs: 0, maxMsHow: '' };
  const seen = new Set<string>();
  let chunkNo = -1;
  let chunk: FuzzInput[] = [];
  for (let index = o.start; index < o.end; index++) {
    const c = Math.floor(index / CHUNK);
    if (c !== chunkNo) {
      chunkNo = c;
      chunk = inputsOfChunk(o.seed, c);
    }
    const input = chunk[index % CHUNK]!;
    onBegin(index);
    const result = await checkInput(input.text, options);
    stats.tried++;
    stats.byFamily[input.family] = (stats.byFamily[input.family] ?? 0) + 1;
    if (result.compiled) stats.compiled++;
    if (result.ms > stats.maxMs) [stats.maxMs, stats.maxMsHow] = [result.ms, `${input.family}: ${input.how} (#${index})`];
    for (const failure of result.failures) {
      stats.failures++;
      const signature = failureSignature(failure);
      if (seen.has(signature)) continue;
      seen.add(signature);
      let minimized: string | undefined;
      // Known bugs already have a minimal reproduction in regressions.test.ts.
      if (o.minimize && failure.kind !== 'slow' && input.text.length < 20000 && !knownBugOf(failure, input.text)) {
        onMinimize(index);
        const same = async (t: string) => (await checkInput(t, options)).failures.some((g) => failureSignature(g) === signature);
        minimized = await minimize(input.text, same, 300, MINIMIZE_MS);
      }
      onFailure({ index, family: input.family, how: input.how, text: input.text, failure, signature, ...(minimized !== undefined ? { minimized } : {}) });
    }
  }
  return stats;
}
