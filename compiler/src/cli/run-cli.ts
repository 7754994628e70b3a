// The subcommands of `gshard` and their dispatch; usage errors exit 2, and no stack trace ever
// reaches the user for bad input (an unexpected exception is reported as an internal error).
// Each command's module is loaded when it runs, so `--help` and the language server (which imports
// this package) start without the pipeline, the wasm runtime or the exporters.

import { UsageError } from './args.js';
import type { CliIO } from './io.js';
import { commandHelp, mainHelp, SPEC_BY_NAME, SPECS } from './specs.js';
import { didYouMean } from '../diag/typos.js';
import { must } from '../util/checked.js';

type Command = (argv: readonly string[], io: CliIO) => number | Promise<number>;

const LOADERS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).checkCommand,
  compile: async () => (await import('./commands/compile.js')).compileCommand,
  show: async () => (await import('./commands/show.js')).showCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  cost: async () => (await import('./commands/cost.js')).costCommand,
  run: async () => (await import('./commands/run.js')).runCommand,
  train: async () => (await import('./commands/train.js')).trainCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  suggest: async () => (await import('./commands/suggest.js')).suggestCommand,
};

/** Every command with its synopsis and summary (the specs drive parsing help and `gshard --help`). */
export const COMMANDS: Record<string, { usage: string; doc: string; run: Command }> =
  Object.fromEntries(SPECS.map((s) => [s.name, {
  usage: s.synopsis, doc: s.summary,
  run: async (argv: readonly string[], io: CliIO) => {
    const load = must(LOADERS[s.name], `every spec has a loader (${s.name})`);
    return (await load())(argv, io);
  },
}]));

export function usage(): string {
  return mainHelp();
}

const wantsHelp = (argv: readonly string[]) => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] ? SPEC_BY_NAME.get(rest[0]) : undefined;
    if (name) io.out(topic ? commandHelp(topic) : usage());
    else io.err(usage());
    return name ? 0 : 2;
  }
  const spec = SPEC_BY_NAME.get(name);
  if (!spec) {
    const guess = didYouMean(name, SPEC_BY_NAME.keys());
    io.err(`gshard: unknown command '${name}'.${guess ? ` Did you mean '${guess}'?` : ''}\n\n${usage()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.out(commandHelp(spec));
    return 0;
  }
  try {
    return await must(COMMANDS[name], 'spec was found for this name above').run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      if (rest.includes('--json')) {
        const diagnostic = { code: 'cli-usage', severity: 'error', message: e.message };
        io.out(`${JSON.stringify({ diagnostics: [diagnostic] }, null, 2)}\n`);
      }
      io.err(`gshard ${name}: ${e.message}\nusage: ${spec.synopsis}  (gshard ${name} --help for more)\n`);
      return 2;
    }
    io.err(`gshard ${name}: internal error (a bug in gshard, please report it): ${(e as Error).message}\n`);
    if (process.env['GSHARD_DEBUG']) io.err(`${(e as Error).stack}\n`);
    return 3;
  }
}
