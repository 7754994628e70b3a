// Command-line parsing shared by every subcommand, on node:util's parseArgs (strict): positionals,
// `--flag`, `--key value`, `--key=value`; an unknown option is a usage error with a did-you-mean.

import { parseArgs as nodeParseArgs } from 'node:util';
import { didYouMean } from '../diag/typos.js';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

export class UsageError extends Error {}

type NodeOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * `valued` lists the options that take a value, `booleans` the flags; `short` maps one-letter
 * forms (`o` -> `output`). Unknown options are usage errors (exit 2) so a typo never silently
 * changes behaviour.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[],
  short: Readonly<Record<string, string>> = {}): ParsedArgs {
  const options: NodeOptions = {};
  for (const name of valued) options[name] = { type: 'string' };
  for (const name of booleans) options[name] = { type: 'boolean' };
  for (const [letter, name] of Object.entries(short)) {
    const option = options[name];
    if (option) options[name] = { ...option, short: letter };
  }
  let parsed;
  try {
    parsed = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(usageMessage(e as NodeJS.ErrnoException, [...valued, ...booleans]));
  }
  const flags = new Map<string, string | true>();
  for (const [key, value] of Object.entries(parsed.values)) {
    if (value === undefined || value === false) continue;
    flags.set(key, typeof value === 'string' ? value : true);
  }
  return { positionals: parsed.positionals, flags };
}

/** parseArgs's error, said as gshard says usage errors (with a did-you-mean for an unknown option). */
function usageMessage(e: NodeJS.ErrnoException, known: readonly string[]): string {
  const option = /'(-{1,2}[^' =]+)/.exec(e.message)?.[1] ?? '';
  const name = option.replace(/^-+/, '');
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const guess = didYouMean(name, known);
      return `unknown option ${option}.${guess ? ` Did you mean --${guess}?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return known.includes(name) && /argument missing/.test(e.message) ? `--${name} needs a value` : `--${name} takes no value`;
    default:
      return e.message;
  }
}

export function flagString(args: ParsedArgs, key: string): string | undefined {
  const v = args.flags.get(key);
  return typeof v === 'string' ? v : undefined;
}
