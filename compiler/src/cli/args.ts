// Command-line parsing shared by every subcommand, on node:util's parseArgs (strict): positionals,
// `--flag`, `--key value`, `--key=value`; an unknown option is a usage error with a did-you-mean.

import { parseArgs as nodeParseArgs } from 'node:util';
import { didYouMean } from '../diag/typos.js';

export interface ParsedArgs {
  readonly positionals: string[];
  /** Each option's value (the last, for a repeatable one) or true for a boolean flag. */
  readonly flags: Map<string, string | true>;
  /** Every value of each repeatable option, in order (`--dim B=16 --dim L=128`). */
  readonly lists?: Map<string, string[]>;
}

/** Options that may be given more than once. */
const REPEATABLE: ReadonlySet<string> = new Set(['dim']);

export class UsageError extends Error {}

type NodeOptions = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/**
 * `valued` lists the options that take a value, `booleans` the flags; `short` maps one-letter
 * forms (`o` -> `output`). Unknown options are usage errors (exit 2) so a typo never silently
 * changes behaviour.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[],
  short: Readonly<Record<string, string>> = {}): ParsedArgs {
  const options: NodeOptions = {};
  for (const name of valued) options[name] = REPEATABLE.has(name) ? { type: 'string', multiple: true }
    : { type: 'string' };
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
  const lists = new Map<string, string[]>();
  for (const [key, value] of Object.entries(parsed.values)) {
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      lists.set(key, value.map(String));
      flags.set(key, String(value[value.length - 1]));
    } else flags.set(key, typeof value === 'string' ? value : true);
  }
  return { positionals: parsed.positionals, flags, lists };
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
      return known.includes(name) && /argument missing/.test(e.message) ? `--${name} needs a value`
        : `--${name} takes no value`;
    default:
      return e.message;
  }
}

export function flagString(args: ParsedArgs, key: string): string | undefined {
  const v = args.flags.get(key);
  return typeof v === 'string' ? v : undefined;
}

/** Every value given for a valued option (empty when absent). */
export function flagStrings(args: ParsedArgs, key: string): string[] {
  return args.lists?.get(key) ?? (typeof args.flags.get(key) === 'string' ? [args.flags.get(key) as string] : []);
}
