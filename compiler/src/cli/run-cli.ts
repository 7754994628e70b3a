// The subcommands of `gshard` and their dispatch; usage errors exit 2, and no stack trace ever
// reaches the user for bad input (an unexpected exception is reported as an internal error).

import { UsageError } from './args.js';
import type { CliIO } from './io.js';
import { checkCommand, CHECK_USAGE } from './commands/check.js';
import { compileCommand, COMPILE_USAGE } from './commands/compile.js';
import { explainCommand, EXPLAIN_USAGE } from './commands/explain.js';
import { showCommand, SHOW_USAGE } from './commands/show.js';
import { costCommand, COST_USAGE } from './commands/cost.js';
import { RUN_USAGE, EXPORT_USAGE } from './heavy-usages.js';

type Command = (argv: readonly string[], io: CliIO) => number | Promise<number>;

export const COMMANDS: Record<string, { run: Command; usage: string; doc: string }> = {
  check: { run: checkCommand, usage: CHECK_USAGE, doc: 'report every problem in the files' },
  compile: { run: compileCommand, usage: COMPILE_USAGE, doc: 'print a stage of the pipeline' },
  show: { run: showCommand, usage: SHOW_USAGE, doc: 'draw the tiles of one tensor over the mesh' },
  explain: { run: explainCommand, usage: EXPLAIN_USAGE, doc: 'list each collective and why it is there' },
  cost: { run: costCommand, usage: COST_USAGE, doc: 'time and memory of a step on TPU-v3' },
  // run and export load the wasm runtime and the exporters only when used, so the language server
  // (which imports this package) and the other commands start without them.
  run: {
    run: async (argv, io) => (await import('./commands/run.js')).runCommand(argv, io),
    usage: RUN_USAGE,
    doc: 'run on the simulated mesh and check against one device',
  },
  export: {
    run: async (argv, io) => (await import('./commands/export.js')).exportCommand(argv, io),
    usage: EXPORT_USAGE,
    doc: 'write StableHLO or a JAX script for XLA',
  },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${c.usage.padEnd(72)} ${c.doc}`);
  return `usage: gshard <command> ...\n${lines.join('\n')}\n  gshard lsp --stdio${' '.repeat(55)} start the language server\n`;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`gshard: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`gshard ${name}: ${e.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    io.err(`gshard ${name}: internal error (a bug in gshard, please report it): ${(e as Error).message}\n`);
    if (process.env['GSHARD_DEBUG']) io.err(`${(e as Error).stack}\n`);
    return 3;
  }
}
