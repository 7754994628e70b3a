// `gshard show FILE TENSOR [--explain]`: the tiles of one tensor over the mesh, and with
// --explain the chain of annotations and ops its sharding came from.

import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { parseArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { compileFile } from '../compile-file.js';
import { renderTiles } from '../../sharding/tiles.js';
import { originText } from '../../sharding/sharded-view.js';
import { suggestionSuffix } from '../../diag/typos.js';
import { allValues } from '../../ir/module.js';

export const SHOW_USAGE = `gshard show FILE TENSOR [--explain] [--mesh SPEC] [--entry MODEL] ${PIPELINE_USAGE}`;

export function showCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['mesh', 'entry', ...PIPELINE_VALUED], ['explain', ...PIPELINE_BOOLEANS]);
  if (args.positionals.length !== 2) {
    io.err(`usage: ${SHOW_USAGE}\n`);
    return 2;
  }
  const [file, name] = args.positionals as [string, string];
  const compiled = compileFile(io, file, args, true);
  if (!compiled) return 1;
  const values = allValues(compiled.sharded);
  const v = values.find((x) => x.name === name);
  if (!v) {
    io.err(`${file}: no tensor named '${name}'.${suggestionSuffix(name, values.map((x) => x.name))}\n`);
    return 1;
  }
  io.out(`${renderTiles(v.type, v.sharding!, compiled.sharded.mesh)}\n`);
  if (args.flags.has('explain')) {
    if (v.annotation) io.out(`${name}: annotated by the user at ${file}:${v.origin?.chain[0]?.span.start.line ?? v.span.start.line}:${v.origin?.chain[0]?.span.start.col ?? v.span.start.col}\n`);
    else if (v.origin && v.origin.chain.length > 0) {
      io.out(`${name}: inferred\n`);
      for (const [i, s] of v.origin.chain.entries()) {
        io.out(i === 0 ? `  from the annotation of ${s.from} at ${file}:${s.span.start.line}:${s.span.start.col}\n`
          : `  ${s.direction === 'backward' ? 'back' : 'forward'} through ${s.through} at ${file}:${s.span.start.line}:${s.span.start.col} (from ${s.from})\n`);
      }
      io.out(`  (${originText(v)})\n`);
    } else io.out(`${name}: replicated: no annotation reaches it\n`);
  }
  return 0;
}
