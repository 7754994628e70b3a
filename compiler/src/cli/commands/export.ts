// `gshard export FILE --format stablehlo|jax ...`: the sharded model for XLA, as StableHLO text or a JAX script.

import type { Diagnostic } from '@gshard/grammar';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { fileDiagnostic, hasErrors, jsonDiagnostics, printDiagnostics, printJsonDiagnostics,
  runFile } from '../load.js';
import type { JsonDiagnostic } from '../../diag/render.js';
import { PIPELINE_BOOLEANS, PIPELINE_VALUED } from '../pipeline-flags.js';
import type { ShardingForm } from '../../export/export-sharding.js';
import { exportJax } from '../../export/jax.js';
import { exportJaxTrain } from '../../export/jax-train.js';
import { TRAIN_BOOLEANS, TRAIN_VALUED, trainFlagOf } from '../train-flags.js';
import { exportManifest } from '../../export/manifest.js';
import { ExportError, exportStableHlo } from '../../export/stablehlo.js';
import type { MatmulPrecision } from '../../emit/stablehlo-ops.js';

export { EXPORT_USAGE } from '../heavy-usages.js';
import { EXPORT_USAGE } from '../heavy-usages.js';
import { must } from '../../util/checked.js';

/** Exit codes: 0 written; 1 the file has errors or cannot be exported (reported); 2 usage. */
export function exportCommand(argv: readonly string[], io: CliIO): number {
  // `-o` is the conventional short form of --output.
  const args = parseArgs(argv,
    ['format', 'shardings', 'output', 'manifest', 'mesh', 'entry', 'precision', ...TRAIN_VALUED, ...PIPELINE_VALUED],
    ['json', 'train', ...TRAIN_BOOLEANS, ...PIPELINE_BOOLEANS], { o: 'output' });
  if (args.positionals.length !== 1) throw new UsageError('export takes one FILE');
  const format = flagString(args, 'format');
  if (format !== 'stablehlo' && format !== 'jax') {
    throw new UsageError(`--format must be stablehlo or jax${format ? `, not '${format}'` : ''}`);
  }
  const shardings = flagString(args, 'shardings') ?? 'shardy';
  if (shardings !== 'shardy' && shardings !== 'gspmd') {
    throw new UsageError(`--shardings must be shardy or gspmd, not '${shardings}'`);
  }
  if (format === 'jax' && args.flags.has('shardings')) {
    throw new UsageError('--shardings applies to --format stablehlo (a JAX script states shardings as PartitionSpecs)');
  }
  const precision = flagString(args, 'precision') ?? 'highest';
  if (precision !== 'highest' && precision !== 'default') {
    throw new UsageError(`--precision must be highest or default, not '${precision}'`);
  }

  const train = trainFlagOf(args);
  if (train && format !== 'jax') throw new UsageError('--train exports a JAX training step: use it with --format jax');

  const file = must(args.positionals[0], 'the length was checked above');
  // XLA partitions what it is given: the exported program is the sharded global one
  const ran = runFile(io, file, args, 'propagate');
  if (!ran) return 1;
  const { loaded, pipeline } = ran;
  const diagnostics: Diagnostic[] = [...pipeline.diagnostics];
  const { global, sharded } = pipeline;
  const json = args.flags.has('json');
  // --json: the result (or the diagnostics) as one object on stdout, nothing rendered on stderr
  const fail = (why: string, extra: readonly JsonDiagnostic[] = []): number => {
    if (json) printJsonDiagnostics(io, [...jsonDiagnostics(loaded, diagnostics), ...extra]);
    else {
      printDiagnostics(io, loaded, diagnostics);
      io.err(`gshard export: ${why}\n`);
    }
    return 1;
  };
  if (!global || hasErrors(loaded.result.diagnostics)) return fail(`${file} has errors; nothing was written`);
  if (!json) printDiagnostics(io, loaded, diagnostics);
  if (hasErrors(diagnostics) || !sharded) return fail('sharding propagation failed; nothing was written');

  let text: string;
  try {
    text = format === 'stablehlo'
      ? exportStableHlo(sharded, { shardings: shardings as ShardingForm, precision: precision as MatmulPrecision,
        source: file })
      : train
        ? exportJaxTrain(sharded, {
          precision: precision as MatmulPrecision, source: file,
          optimizer: train.optimizer, statePlacement: train.statePlacement ?? 'param',
        })
        : exportJax(sharded, { precision: precision as MatmulPrecision, source: file });
  } catch (e) {
    if (e instanceof ExportError) {
      if (json) return fail(e.message, [fileDiagnostic(file, 'export-unsupported', e.message)]);
      io.err(`gshard export: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const out = flagString(args, 'output');
  if (out) io.writeFile(out, text);
  else if (!json) io.out(text);
  const manifest = flagString(args, 'manifest');
  if (manifest) io.writeFile(manifest, `${JSON.stringify(exportManifest(sharded, file), null, 2)}\n`);
  if (json) {
    const written = { format, ...(train ? { train: true, optimizer: train.optimizer.name } : {}),
      ...(format === 'stablehlo' ? { shardings } : {}), precision, ...(out ? { output: out } : { text }) };
    const result = { ...written, ...(manifest ? { manifest } : {}), diagnostics: jsonDiagnostics(loaded, diagnostics) };
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  }
  return 0;
}
