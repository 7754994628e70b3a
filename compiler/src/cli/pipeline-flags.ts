// The flags of every command that compiles: --verify-each, --dump-after PASS and --timings, turned
// into pipeline options; and the per-pass time table --timings prints (on stderr).

import { PASS_NAMES, passIndex, TRAINING_PASSES } from '../passes/list.js';
import type { TrainSpec } from '../passes/pass.js';
import type { PipelineOptions, PipelineResult } from '../passes/run-pipeline.js';
import { flagString, UsageError, type ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import { lowerOptionsOf } from './mesh-option.js';

export const PIPELINE_VALUED: readonly string[] = ['dump-after', 'dim'];
export const PIPELINE_BOOLEANS: readonly string[] = ['verify-each', 'timings'];
export const PIPELINE_USAGE = '[--dim NAME=SIZE]... [--verify-each] [--dump-after PASS] [--timings]';

/**
 * The pipeline options a command's flags ask for, running up to `upTo` (default: every pass). A
 * --dump-after naming no pass, or a pass after `upTo`, is a usage error that lists the passes.
 */
export function pipelineOptionsOf(args: ParsedArgs, io: CliIO, upTo?: string, train?: TrainSpec): PipelineOptions {
  const { entry, meshOverride, dimOverrides } = lowerOptionsOf(args);
  const dumpAfter = flagString(args, 'dump-after');
  if (dumpAfter !== undefined) {
    const passes = train ? TRAINING_PASSES : undefined;
    const names = passes ? passes.map((p) => p.name) : PASS_NAMES;
    const reachable = upTo === undefined ? names : names.slice(0, passIndex(upTo, passes) + 1);
    const at = passIndex(dumpAfter, passes);
    if (at < 0 || at >= reachable.length) {
      const why = at >= 0 ? `this command stops after ${upTo}, so`
        : !train && (dumpAfter === 'autodiff' || dumpAfter === 'remat')
          ? `${dumpAfter} runs only in a training compile (--train);`
          : 'there is no such pass;';
      throw new UsageError(`--dump-after ${dumpAfter}: ${why} name one of ${reachable.join(', ')}`);
    }
  }
  return {
    ...(train ? { train } : {}),
    ...(upTo !== undefined ? { upTo } : {}),
    ...(entry ? { entry } : {}),
    ...(meshOverride ? { mesh: meshOverride } : {}),
    ...(dimOverrides ? { dims: dimOverrides } : {}),
    verifyEach: args.flags.has('verify-each'),
    ...(dumpAfter !== undefined ? { dumpAfter, onDump: (_pass: string, text: string) => io.out(text) } : {}),
    dumpLocations: !args.flags.has('no-locations'),
  };
}

/** `--timings`: one row per pass that ran, then the total. */
export function timingsTable(file: string, result: PipelineResult): string {
  const rows = result.timings.map((t) => {
    const counters = Object.entries(t.counters ?? {}).map(([k, v]) => `${v} ${k}`).join(', ');
    return `  ${t.pass.padEnd(24)}${t.ms.toFixed(1).padStart(10)}${counters ? `  (${counters})` : ''}`;
  });
  const total = result.timings.reduce((n, t) => n + t.ms, 0);
  const halted = result.haltedAfter ? `  (stopped after ${result.haltedAfter})` : '';
  const last = `  ${'total'.padEnd(24)}${total.toFixed(1).padStart(10)}${halted}`;
  return `${file}: pass times (ms)\n${rows.join('\n')}\n${last}\n`;
}

export function printTimings(io: CliIO, args: ParsedArgs, file: string, result: PipelineResult): void {
  if (args.flags.has('timings')) io.err(timingsTable(file, result));
}
