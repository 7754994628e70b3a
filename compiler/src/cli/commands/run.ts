// `gshard run FILE [--mesh SPEC] [--seed N] [--inputs DIR] [--save DIR] [--json]`: simulated mesh vs one device.
import type { Diagnostic } from '@gshard/grammar';
import type { Module } from '../../ir/module.js';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { hasErrors, jsonDiagnostics, printDiagnostics, runFile } from '../load.js';
import { PIPELINE_BOOLEANS, PIPELINE_VALUED } from '../pipeline-flags.js';
import { meshSize } from '../../ir/mesh.js';
import { describeBackend } from '../../runtime/index.js';
import { saveRun } from '../../exec/inputs.js';
import { formatBytes, runModel, type RunReport } from '../../exec/run-model.js';
import { defaultWorkerCount } from '../../exec/worker-pool.js';
import { failure, onMesh, round, runFiles, sci, seedFlag, workersFlag, writeSave } from '../mesh-run.js';

export { RUN_USAGE } from '../heavy-usages.js';
import { RUN_USAGE } from '../heavy-usages.js';
import { must } from '../../util/checked.js';
import { opEntry } from '../../ops/registry.js';
import { profileRows, profileTable } from '../../exec/profile.js';

/**
 * Exit codes: 0 the mesh equals the reference; 1 it differs, or the run was refused (errors in the file, memory limit,
 * bad --inputs); 2 usage.
 */
export async function runCommand(argv: readonly string[], io: CliIO): Promise<number> {
  // `gshard run --train ...` is `gshard train ...`
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).includes('--train')) {
    return (await import('./train.js')).trainCommand(argv.filter((a) => a !== '--train'), io);
  }
  const args = parseArgs(argv, ['mesh', 'seed', 'inputs', 'save', 'entry', 'workers', ...PIPELINE_VALUED],
    ['json', 'force', 'generate-missing', 'profile', ...PIPELINE_BOOLEANS]);
  if (args.positionals.length !== 1) throw new UsageError('expected one FILE');
  const file = must(args.positionals[0], 'the length was checked above');
  const json = args.flags.has('json');
  const seed = seedFlag(args);
  const workersText = workersFlag(args);
  const files = runFiles(args, io, 'run');
  if (!files) return 1;
  const { inputsDir, save, saveTarget } = files;
  // every pass: parse, lower, propagate and the partitioner's three
  const ran = runFile(io, file, args);
  if (!ran) return 1;
  const { loaded, pipeline } = ran;
  const diagnostics: Diagnostic[] = [...pipeline.diagnostics];
  const { global, sharded, spmd } = pipeline;
  const fail = failure(io, 'run', json, loaded, diagnostics);
  if (!global || hasErrors(loaded.result.diagnostics)) {
    const meshSpec = flagString(args, 'mesh');
    const meshHint = meshSpec && diagnostics.some((d) => d.code.startsWith('shard-'))
      ? `the annotations do not fit --mesh ${meshSpec}: a split(dim, n) states n partitions of the file's mesh, so ` +
        `pick a mesh they fit or change the annotations`
      : 'the file has errors';
    return fail(meshHint);
  }
  if (pipeline.haltedAfter === 'propagate' || !sharded) return fail('sharding propagation failed');
  if (hasErrors(diagnostics) || !spmd) return fail('partitioning failed');
  if (!json) printDiagnostics(io, loaded, diagnostics);

  const n = meshSize(spmd.mesh);
  // worker threads pay a start-up (their own wasm backend, cold JIT) that only big models win back
  const auto = staticEinsumFlops(global) >= WORKER_MIN_FLOPS ? defaultWorkerCount() : 0;
  const workers = Math.min(workersText !== undefined ? Number(workersText) : auto, n);
  const outcome = await onMesh(io, workers, n, (pool, onProgress) => runModel(sharded, spmd, {
    seed, ...(inputsDir ? { inputsDir } : {}), ...(pool ? { pool } : {}),
    generateMissing: args.flags.has('generate-missing'),
    onProgress,
  }));
  if (!outcome.ok) return fail(outcome.message);
  const report = outcome.result;

  const saved = !saveTarget || writeSave(io, 'run', saveTarget, (dir) => saveRun(dir, report.feeds, report.arrays, {
    file, model: report.model, mesh: report.mesh, seed,
    generator: 'mulberry32(seed XOR fnv1a(name)); see docs/running.md',
    maxAbsError: report.maxAbsError, maxRelError: report.maxRelError,
  }));
  if (!saved) return 1;
  if (json) io.out(`${JSON.stringify({ ...jsonReport(report), diagnostics: jsonDiagnostics(loaded, diagnostics) })}\n`);
  else io.out(textReport(file, report, save?.replace(/(?<=.)\/+$/, '')));
  if (args.flags.has('profile') && !json) io.out(profileReport(report));
  return report.equal ? 0 : 1;
}

/**
 * Below this many einsum flops in the model, devices run in this thread unless --workers says otherwise (~10 ms of
 * matmul).
 */
const WORKER_MIN_FLOPS = 2e8;

function staticEinsumFlops(m: Module): number {
  let total = 0;
  for (const op of m.ops) {
    if (!opEntry(op.kind)?.role.contraction) continue;
    const sizes = new Map<string, number>();
    for (const v of op.operands) for (const d of v.type.dims) sizes.set(d.name, d.size);
    total += [...sizes.values()].reduce((p, x) => p * x, 2);
  }
  return total;
}

export function jsonReport(r: RunReport): object {
  return {
    devices: r.devices, maxAbsError: r.maxAbsError, maxRelError: r.maxRelError,
    referenceMs: round(r.referenceMs), meshMs: round(r.meshMs),
    backend: { ...r.backend, binary: r.wasmBinary, workers: r.workers },
    outputs: r.outputs,
    equal: r.equal, model: r.model, mesh: r.mesh, seed: r.seed,
    collectiveMs: round(r.collectiveMs), collectives: r.collectives,
    memory: r.memory, einsum: { flops: r.einsum.flops, ms: round(r.einsum.ms), gflops: round(r.einsum.gflops) },
    feeds: r.feeds.map((f) => ({ name: f.value.name, kind: f.kind, source: f.source })),
    profile: r.profile,
  };
}

export function textReport(file: string, r: RunReport, saved?: string): string {
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(`  ${k.padEnd(11)}${v}`);
  lines.push(`gshard run ${file}: model ${r.model}`);
  row('mesh',
    `${r.mesh}: ${r.devices} simulated device${r.devices === 1 ? '' : 's'}, ` +
    `${r.workers ? `${r.workers} worker thread${r.workers === 1 ? '' : 's'}` : 'in this thread'}`);
  const onOff = (b: boolean | undefined) => (b ? 'on' : 'off');
  row('backend', r.backend.backend === 'wasm'
    ? `${r.wasmBinary} (SIMD ${onOff(r.backend.simd)}, threads ${onOff(r.backend.threads)})` : describeBackendSafe());
  const generated = r.feeds.filter((f) => f.source === 'generated').length;
  row('inputs',
    `seed ${r.seed}: ${generated} generated, ${r.feeds.length - generated} loaded ` +
    `(${r.feeds.map((f) => f.value.name).join(', ')})`);
  row('memory',
    `per device ${formatBytes(r.memory.perDevicePeak)} peak (params ${formatBytes(r.memory.perDeviceParams)}, ` +
    `inputs ${formatBytes(r.memory.perDeviceInputs)}); reference ${formatBytes(r.memory.referencePeak)} peak`);
  row('reference', `${r.referenceMs.toFixed(1)} ms (global program, ${r.globalOps} ops, one device)`);
  row('mesh',
    `${r.meshMs.toFixed(1)} ms (${r.localOps} ops per device, ${r.collectives} ` +
    `collective${r.collectives === 1 ? '' : 's'}: ${r.collectiveMs.toFixed(1)} ms moving data)` +
    (r.referenceMs > 0 ? `, ${(r.meshMs / r.referenceMs).toFixed(2)}x the reference` : '')
      + (r.loadMs >= 1 ? `; ${r.loadMs.toFixed(0)} ms loading tiles first` : ''));
  if (r.einsum.flops >= 1e8) {
    row('einsums',
      `${(r.einsum.flops / 1e9).toFixed(3)} GFLOP on the mesh at ${r.einsum.gflops.toFixed(1)} GFLOP/s per device ` +
      `thread`);
  }
  lines.push('  outputs');
  const w = Math.max(...r.outputs.map((o) => o.name.length));
  for (const o of r.outputs) {
    const type = `${o.dtype}[${o.dims.map((d) => `${d.name}=${d.size}`).join(', ')}]`;
    const [first] = o.replicaMismatches;
    const n = o.replicaMismatches.length;
    const replicas = first
      ? `replicas disagree on ${n} device(s), e.g. device ${first.device} vs ${first.reference}`
      : undefined;
    const verdict = o.ok ? 'ok' : replicas ? `DIFFERS (${replicas})` : `DIFFERS (over ${sci(o.tolerance)})`;
    lines.push(`    ${o.name.padEnd(w)}  ${type.padEnd(28)} max abs ${sci(o.maxAbsError).padEnd(8)} max rel ` +
      `${sci(o.maxRelError).padEnd(8)} ${verdict}`);
  }
  if (saved) {
    row('saved', `${saved}/ (inputs/, params/, random/, outputs/, reference/ as .npy; manifest.json names the dims)`);
  }
  lines.push(r.equal
    ? `  EQUAL: the mesh matches the reference (max rel error ${sci(r.maxRelError)}, tolerance ${tolerances(r)} of ` +
      `each output's scale)`
    : '  DIFFERENT: the mesh result differs from the reference beyond tolerance');
  return `${lines.join('\n')}\n`;
}

/**
 * --profile: kernel time per op kind on the mesh (summed over devices, collectives as one row) and on the
 * reference.
 */
export function profileReport(r: RunReport): string {
  const mesh = profileRows(r.profile.mesh, r.collectives ? { '(collectives)': r.collectiveMs } : {});
  return profileTable(`mesh: kernel time per op kind, summed over ${r.devices} devices`, mesh) +
    profileTable('reference: kernel time per op kind', profileRows(r.profile.reference));
}

/** `1e-5`, or `1e-5 to 2.4e-4` where long sums widen some outputs' bar (see tolerance.ts). */
function tolerances(r: RunReport): string {
  const ts = r.outputs.map((o) => o.tolerance).filter((t) => t > 0);
  if (ts.length === 0) return 'exact';
  const lo = Math.min(...ts);
  const hi = Math.max(...ts);
  return lo === hi ? sci(lo) : `${sci(lo)} to ${sci(hi)}`;
}

function describeBackendSafe(): string {
  try { return describeBackend(); } catch { return 'not initialised'; }
}
