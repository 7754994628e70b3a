// `gshard train FILE --steps N [--lr X] [--optimizer sgd] [--save DIR] [--json] ...` (and `gshard run
// --train`): the training program, forward + backward + update as one SPMD program, stepped on the
// simulated mesh and on one device; loss per step for both and the parameters compared after the last.
import type { Diagnostic } from '@gshard/grammar';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { hasErrors, jsonDiagnostics, printDiagnostics, runFile } from '../load.js';
import { PIPELINE_BOOLEANS, PIPELINE_VALUED } from '../pipeline-flags.js';
import { meshSize } from '../../ir/mesh.js';
import { trainModel, type TrainReport } from '../../exec/train-run.js';
import { saveTraining } from '../../exec/train-save.js';
import { defaultWorkerCount } from '../../exec/worker-pool.js';
import { failure, onMesh, round, runFiles, sci, seedFlag, workersFlag, writeSave } from '../mesh-run.js';
import { must } from '../../util/checked.js';
import { defaultLr, TRAIN_BOOLEANS, TRAIN_VALUED, trainSpecOf, REMAT_FLAG } from '../train-flags.js';

/** Exit codes: 0 the mesh equals the reference at every step; 1 it differs or the run was refused; 2 usage. */
export async function trainCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv,
    ['mesh', 'seed', 'inputs', 'save', 'entry', 'workers', 'steps', REMAT_FLAG, ...TRAIN_VALUED, ...PIPELINE_VALUED],
    ['json', 'force', 'generate-missing', ...TRAIN_BOOLEANS, ...PIPELINE_BOOLEANS]);
  if (args.positionals.length !== 1) throw new UsageError('expected one FILE');
  const file = must(args.positionals[0], 'the length was checked above');
  const json = args.flags.has('json');
  const stepsText = flagString(args, 'steps') ?? '1';
  if (!/^\d+$/.test(stepsText) || Number(stepsText) < 1 || Number(stepsText) > 100000) {
    throw new UsageError(`--steps must be a whole number from 1 to 100000, not '${stepsText}'`);
  }
  const steps = Number(stepsText);
  const seed = seedFlag(args);
  const workersText = workersFlag(args);
  const train = trainSpecOf(args);
  const files = runFiles(args, io, 'train');
  if (!files) return 1;
  const { inputsDir, save, saveTarget } = files;
  const ran = runFile(io, file, args, undefined, undefined, train);
  if (!ran) return 1;
  const { loaded, pipeline } = ran;
  const diagnostics: Diagnostic[] = [...pipeline.diagnostics];
  const { sharded, spmd } = pipeline;
  const fail = failure(io, 'train', json, loaded, diagnostics);
  if (hasErrors(diagnostics) || !sharded || !spmd) {
    return fail(pipeline.haltedAfter === 'autodiff' ? 'the model cannot be trained' : 'the file has errors');
  }
  if (!json) printDiagnostics(io, loaded, diagnostics);

  const n = meshSize(spmd.mesh);
  // worker threads pay a start-up that only big programs win back
  const auto = n > 1 && sharded.ops.length > 2000 ? defaultWorkerCount() : 0;
  const workers = Math.min(workersText !== undefined ? Number(workersText) : auto, n);
  const outcome = await onMesh(io, workers, n, (pool, onProgress) => trainModel(sharded, spmd, {
    steps, seed, ...(inputsDir ? { inputsDir } : {}), ...(pool ? { pool } : {}),
    generateMissing: args.flags.has('generate-missing'),
    onProgress,
  }));
  if (!outcome.ok) return fail(outcome.message);
  const report = outcome.result;
  const saved = !saveTarget || writeSave(io, 'train', saveTarget, (dir) => saveTraining(dir, report, {
    file, model: report.model, mesh: report.mesh, seed,
    lr: Number(flagString(args, 'lr') ?? defaultLr(flagString(args, 'optimizer') ?? 'sgd')),
    generator: 'mulberry32(seed XOR fnv1a(name)); see docs/running.md',
  }));
  if (!saved) return 1;
  if (json) {
    io.out(`${JSON.stringify({
      model: report.model, equal: report.equal, maxRelError: report.maxRelError,
      steps: report.steps.map((s) => ({ loss: s.loss, referenceLoss: s.referenceLoss })),
      gradMaxRelError: report.gradMaxRelError, optimizer: report.optimizer, mesh: report.mesh, seed: report.seed,
      referenceMs: round(report.referenceMs), meshMs: round(report.meshMs),
      diagnostics: jsonDiagnostics(loaded, diagnostics),
    })}\n`);
  } else io.out(trainText(file, report, save?.replace(/(?<=.)\/+$/, '')));
  return report.equal ? 0 : 1;
}

export function trainText(file: string, r: TrainReport, saved?: string): string {
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(`  ${k.padEnd(11)}${v}`);
  const n = r.steps.length;
  lines.push(`gshard train ${file}: model ${r.model}, optimizer ${r.optimizer}, ${n} step${n === 1 ? '' : 's'}`);
  row('mesh', `${r.mesh}: ${r.devices} simulated device${r.devices === 1 ? '' : 's'}`);
  const generated = r.feeds.filter((f) => f.source === 'generated').length;
  row('inputs', `seed ${r.seed}: ${generated} generated, ${r.feeds.length - generated} loaded or initialised`);
  lines.push('  step      loss (mesh)   loss (reference)');
  r.steps.forEach((s, i) => {
    lines.push(`  ${String(i + 1).padStart(4)}  ${s.loss.toFixed(6).padStart(15)}  `
      + `${s.referenceLoss.toFixed(6).padStart(17)}`);
  });
  row('reference',
    `${r.referenceMs.toFixed(1)} ms for ${n} step(s) (training program, ${r.globalOps} ops, one device)`);
  row('mesh', `${r.meshMs.toFixed(1)} ms for ${r.steps.length} step(s) (${r.localOps} ops per device)`
    + (r.referenceMs > 0 ? `, ${(r.meshMs / r.referenceMs).toFixed(2)}x the reference` : ''));
  row('gradients', `first step: max rel error ${sci(r.gradMaxRelError)}${bad(r.grads)}`);
  row('params', `after step ${r.steps.length}: max rel error ${sci(r.maxRelError)}${bad(r.final)}`);
  const wide = r.final.filter((t) => t.propagated);
  const count = (k: 'elements' | 'of') => wide.reduce((n, t) => n + (t.propagated?.[k] ?? 0), 0);
  if (wide.length) {
    row('', `${count('elements')} of ${count('of')} elements of ${wide.map((t) => t.name).join(', ')} beyond `
      + `that, within the gradient's tolerance carried through ${r.optimizer}'s update`);
  }
  const layout = 'inputs/, params/, grads/, final/, optimizer/, reference/ as .npy; manifest.json names the dims';
  if (saved) row('saved', `${saved}/ (${layout})`);
  lines.push(r.equal
    ? `  EQUAL: the mesh matches the reference at every step (tolerance ${tolerances(r)} of each tensor's scale)`
    : '  DIFFERENT: the mesh differs from the reference beyond tolerance');
  return `${lines.join('\n')}\n`;
}

function bad(ts: TrainReport['grads']): string {
  const off = ts.filter((t) => !t.ok);
  const each = off.map((t) => `${t.name} (${sci(t.maxRelError)} > ${sci(t.tolerance)})`);
  return off.length ? `; over tolerance: ${each.join(', ')}` : '';
}

function tolerances(r: TrainReport): string {
  const ts = [...r.grads, ...r.final].map((t) => t.tolerance).filter((t) => t > 0);
  if (ts.length === 0) return 'exact';
  const lo = Math.min(...ts);
  const hi = Math.max(...ts);
  return lo === hi ? sci(lo) : `${sci(lo)} to ${sci(hi)}`;
}
