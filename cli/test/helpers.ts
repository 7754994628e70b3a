// Runs the built `gshard` command as a user does (a child process), for the CLI's own tests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from cli/dist/test/). */
export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const BIN = join(ROOT, 'cli', 'bin', 'gshard.js');

export interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `gshard ...args` in the repository root; `env` is added to a colour-neutral environment. */
export function gshard(args: readonly string[], env: Record<string, string> = {}): Ran {
  const base = { ...process.env };
  delete base['NO_COLOR'];
  delete base['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...base, ...env }, timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(name: string): string {
  return join('cli', 'test', 'fixtures', name);
}
