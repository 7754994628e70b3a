// What `gshard run` and `gshard train` share: their --seed, --workers, --inputs and --save flags, their failure
// report, a run on the simulated mesh (worker pool, progress bar, refusals turned into a message) and the number
// formats of their reports.
import type { Diagnostic } from '@gshard/grammar';
import { flagString, UsageError, type ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import { jsonDiagnostics, printDiagnostics, type Loaded } from './load.js';
import { startProgress } from './progress.js';
import { initBackend } from '../runtime/index.js';
import { FeedError } from '../exec/inputs.js';
import { MemoryLimitError } from '../exec/run-model.js';
import { WorkerPool } from '../exec/worker-pool.js';
import { WorkerFault } from '../exec/worker-fault.js';
import { checkInputsDir } from '../files/input-dir.js';
import { FileReadError } from '../files/read-regular.js';
import { checkSaveDir, SaveDirError, type SaveTarget } from '../files/save-dir.js';

/** --seed (default 0), an integer in [0, 2^32). */
export function seedFlag(args: ParsedArgs): number {
  const seedText = flagString(args, 'seed') ?? '0';
  if (!/^\d+$/.test(seedText) || Number(seedText) > 0xffffffff) {
    throw new UsageError(`--seed must be an integer in [0, 2^32), not '${seedText}'`);
  }
  return Number(seedText);
}

/** --workers as written (a count), or undefined when absent: the command picks its own default. */
export function workersFlag(args: ParsedArgs): string | undefined {
  const workersText = flagString(args, 'workers');
  if (workersText !== undefined && !/^\d+$/.test(workersText)) {
    throw new UsageError(`--workers must be a count (0 runs every device in this thread), not '${workersText}'`);
  }
  return workersText;
}

export interface RunFiles {
  readonly inputsDir: string | undefined;
  readonly save: string | undefined;
  readonly saveTarget: SaveTarget | undefined;
}

/**
 * --inputs and --save, checked before any work (a typo must not cost a long run). Undefined when one is
 * unusable: the error is written and the command exits 1.
 */
export function runFiles(args: ParsedArgs, io: CliIO, command: string): RunFiles | undefined {
  const inputsDir = flagString(args, 'inputs');
  const save = flagString(args, 'save');
  let saveTarget: SaveTarget | undefined;
  try {
    if (inputsDir) checkInputsDir(inputsDir);
    if (save) saveTarget = checkSaveDir(save, { force: args.flags.has('force') });
  } catch (e) {
    if (!(e instanceof FileReadError || e instanceof SaveDirError)) throw e;
    io.err(`gshard ${command}: error[${e.code}]: ${e.message}\n`);
    return undefined;
  }
  return { inputsDir, save, saveTarget };
}

/** The command's refusal (exit 1): the diagnostics so far and why, as JSON or as text. */
export function failure(
  io: CliIO, command: string, json: boolean, loaded: Loaded, diagnostics: readonly Diagnostic[],
): (extra: string) => number {
  return (extra) => {
    if (json) {
      io.out(`${JSON.stringify({ error: extra, diagnostics: jsonDiagnostics(loaded, diagnostics) })}\n`);
      return 1;
    }
    printDiagnostics(io, loaded, diagnostics);
    if (extra) io.err(`gshard ${command}: ${extra}\n`);
    return 1;
  };
}

/** What `onMesh` gives back: the run's result, or why the run was refused (memory, --inputs, a dead worker). */
export type MeshOutcome<R> =
  | { readonly ok: true; readonly result: R }
  | { readonly ok: false; readonly message: string };

/**
 * Runs `run` with `workers` worker threads for a mesh of `devices` (none for 0, or for one device) and a
 * progress bar; the pool is closed and the bar cleared however it ends.
 */
export async function onMesh<R>(
  io: CliIO, workers: number, devices: number,
  run: (pool: WorkerPool | undefined, onProgress: (phase: string, done: number, total: number) => void) => Promise<R>,
): Promise<MeshOutcome<R>> {
  const progress = startProgress(io);
  let pool: WorkerPool | undefined;
  try {
    await initBackend();
    // one device needs no worker; otherwise each worker runs a group of devices on its own backend
    if (workers >= 2 || (workers === 1 && devices > 1)) pool = await WorkerPool.start(workers);
    return { ok: true, result: await run(pool, (phase, done, total) => progress.update(phase, done, total)) };
  } catch (e) {
    progress.finish();
    if (e instanceof MemoryLimitError || e instanceof FeedError || e instanceof WorkerFault) {
      return { ok: false, message: e.message };
    }
    throw e;
  } finally {
    progress.finish();
    await pool?.close();
  }
}

/** Fills the --save directory; false (the error written, exit 1) when it cannot be written. */
export function writeSave(io: CliIO, command: string, target: SaveTarget, fill: (dir: string) => void): boolean {
  try {
    target.write(fill);
    return true;
  } catch (e) {
    if (!(e instanceof SaveDirError)) throw e;
    io.err(`gshard ${command}: error[${e.code}]: ${e.message}\n`);
    return false;
  }
}

/** Milliseconds and rates in the JSON reports: two decimals. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** An error or tolerance in the text reports: one significant decimal in exponent form (0 as `0`). */
export function sci(x: number): string {
  return x === 0 ? '0' : x.toExponential(1);
}
