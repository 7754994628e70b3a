// Command-line parsing shared by every subcommand: positionals, `--flag`, `--key value`, `--key=value`.

export interface ParsedArgs {
  readonly positionals: string[];
  /** Each option's value (the last, when given more than once) or true for a boolean flag. */
  readonly flags: Map<string, string | true>;
  /** Every value of each valued option, in order (`--dim B=16 --dim L=128`). */
  readonly lists?: Map<string, string[]>;
}

export class UsageError extends Error {}

/**
 * `valued` lists the options that take a value; every other `--x` is a boolean flag. Unknown
 * options are usage errors (exit 2) so a typo never silently changes behaviour.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    if (valued.includes(key)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${key} needs a value`);
      flags.set(key, value);
      lists.set(key, [...(lists.get(key) ?? []), value]);
    } else if (booleans.includes(key)) {
      if (eq >= 0) throw new UsageError(`--${key} takes no value`);
      flags.set(key, true);
    } else {
      throw new UsageError(`unknown option --${key} (options: ${[...valued, ...booleans].map((o) => `--${o}`).join(', ')})`);
    }
  }
  return { positionals, flags, lists };
}

export function flagString(args: ParsedArgs, key: string): string | undefined {
  const v = args.flags.get(key);
  return typeof v === 'string' ? v : undefined;
}

/** Every value given for a valued option (empty when absent). */
export function flagStrings(args: ParsedArgs, key: string): string[] {
  return args.lists?.get(key) ?? (typeof args.flags.get(key) === 'string' ? [args.flags.get(key) as string] : []);
}
