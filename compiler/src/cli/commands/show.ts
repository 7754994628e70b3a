// `gshard show FILE TENSOR [--explain] [--train] [--json]`: the tiles of one tensor (by the name in the source, or a
// path into layer instances such as `pair[0].attention[1].logits`) over the mesh, with --explain the chain of
// annotations and ops its sharding came from, and with --train (in the training program) a param's gradient:
// its sharding, where that came from, and the collectives that reduce it.

import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { compileFile, type Compiled } from '../compile-file.js';
import { renderTiles } from '../../sharding/tiles.js';
import { originText } from '../../sharding/sharded-view.js';
import { suggestionSuffix } from '../../diag/typos.js';
import { allValues, shardingOf, type Value } from '../../ir/module.js';
import { meshSize } from '../../ir/mesh.js';
import { localShape } from '../../ir/sharding.js';
import { jaxTypeString, shardingToText } from '../../ir/sharding-text.js';
import { DTYPE_BYTES, shapeOf } from '../../ir/types.js';
import { findValue, userNameOf, type Lookup } from '../../ir/user-names.js';
import { fileDiagnostic, jsonDiagnostics, type Loaded } from '../load.js';
import { must } from '../../util/checked.js';
import { TRAIN_BOOLEANS, TRAIN_USAGE, TRAIN_VALUED, trainFlagOf } from '../train-flags.js';
import { gradientText, gradientViews } from '../../train/gradient-view.js';

/** The IR name of an input, param or binding the model itself defines as `name`, if any. */
function modelBinding(loaded: Loaded, model: string, name: string): string | undefined {
  const { definitions, instances } = loaded.result.lowered.symbols;
  const def = definitions.find((d) => d.scope === model && d.name === name && (d.kind === 'input' || d.kind === 'param'
    || d.kind === 'binding'));
  if (!def) return undefined;
  return instances.find((i) => i.span.start.offset === def.span.start.offset
    && i.span.end.offset === def.span.end.offset)?.valueName;
}

export const SHOW_USAGE = `gshard show FILE TENSOR [--explain] [--train ${TRAIN_USAGE}] [--mesh SPEC] [--entry MODEL] `
  + PIPELINE_USAGE;

export function showCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['mesh', 'entry', ...TRAIN_VALUED, ...PIPELINE_VALUED],
    ['explain', 'json', 'train', ...TRAIN_BOOLEANS, ...PIPELINE_BOOLEANS]);
  if (args.positionals.length !== 2) {
    throw new UsageError(`${args.positionals.length < 2 ? 'missing' : 'too many'} arguments`);
  }
  const [file, name] = args.positionals as [string, string];
  const compiled = compileFile(io, file, args, true, trainFlagOf(args));
  if (!compiled) return 1;
  const m = compiled.sharded;
  const values = allValues(m);
  const byModelName = modelBinding(compiled.loaded, m.name, name);
  const found: Lookup = byModelName
    ? { value: must(values.find((x) => x.name === byModelName), 'modelBinding names a value of this module') }
    : findValue(m, values, name);
  const v = found.value;
  const json = args.flags.has('json');
  if (!v) {
    const candidates = found.candidates;
    if (json) {
      const message = candidates.length > 1 ? `'${name}' names ${candidates.length} tensors; say which`
        : `no tensor named '${name}'`;
      const d = { ...fileDiagnostic(file, candidates.length > 1 ? 'cli-ambiguous-tensor' : 'cli-unknown-tensor',
        message), candidates };
      io.out(`${JSON.stringify({ diagnostics: [d] }, null, 2)}\n`);
    } else if (candidates.length > 1) {
      const shown = candidates.slice(0, 12).map((c) => `  ${c}\n`).join('');
      io.err(`${file}: '${name}' names ${candidates.length} tensors; say ` +
        `which:\n${shown}${candidates.length > 12 ? `  ... and ${candidates.length - 12} more\n` : ''}`);
    } else {
      const names = values.map((x) => userNameOf(m, x));
      const known = new Set([...names, ...names.map((n) => n.slice(n.lastIndexOf('.') + 1))]);
      io.err(`${file}: no tensor named '${name}'.${suggestionSuffix(name, known)}\n`);
    }
    return 1;
  }
  const gradient = gradientViews(m, compiled.spmd).find((g) => g.param === v.name);
  if (json) {
    io.out(`${JSON.stringify({ ...showJson(compiled, v), ...(gradient ? { gradient } : {}) }, null, 2)}\n`);
    return 0;
  }
  if (userNameOf(m, v) !== name) io.out(`${userNameOf(m, v)}\n`);
  io.out(`${renderTiles(v.type, shardingOf(v), compiled.sharded.mesh)}\n`);
  if (args.flags.has('explain')) {
    if (v.annotation) {
      const start = v.origin?.chain[0]?.span.start ?? v.span.start;
      io.out(`${name}: annotated by the user at ${file}:${start.line}:${start.col}\n`);
    }
    else if (v.origin && v.origin.chain.length > 0) {
      io.out(`${name}: inferred\n`);
      for (const [i, s] of v.origin.chain.entries()) {
        io.out(i === 0 ? `  from the annotation of ${s.from} at ${file}:${s.span.start.line}:${s.span.start.col}\n`
          : `  ${s.direction === 'backward' ? 'back' : 'forward'} through ${s.through} at ` +
            `${file}:${s.span.start.line}:${s.span.start.col} (from ${s.from})\n`);
      }
      io.out(`  (${originText(v)})\n`);
    } else io.out(`${name}: replicated: no annotation reaches it\n`);
  }
  if (gradient) io.out(gradientText(gradient));
  return 0;
}

/** `show --json`: the tensor, its sharding, what one device holds, and where the sharding came from. */
function showJson(compiled: Compiled, v: Value): object {
  const m = compiled.sharded;
  const s = shardingOf(v);
  const local = localShape(shapeOf(v.type), s, m.mesh);
  return {
    tensor: userNameOf(m, v), irName: v.name, type: jaxTypeString(v.type, s), sharding: shardingToText(s),
    mesh: m.mesh.name, devices: meshSize(m.mesh), localShape: local,
    bytesPerDevice: local.reduce((a, b) => a * b, 1) * DTYPE_BYTES[v.type.dtype],
    annotated: Boolean(v.annotation),
    origin: (v.origin?.chain ?? []).map((c) => ({ from: c.from, ...(c.through ? { through: c.through } : {}),
      line: c.span.start.line, col: c.span.start.col })),
    diagnostics: jsonDiagnostics(compiled.loaded, compiled.diagnostics),
  };
}
