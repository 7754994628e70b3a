// What a command may touch: output streams and files. Tests pass an in-memory version.
import { writeFileSync, mkdirSync } from 'node:fs';
import { readRegularText } from '../files/read-regular.js';
import { LIMITS } from '../limits.js';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, data: string | Uint8Array): void;
  mkdir(path: string): void;
  /** Colour on stdout. */
  readonly color: boolean;
  /** Colour on stderr; `color` when absent. Each stream decides for itself (`gshard check f 2>log`). */
  readonly errColor?: boolean;
}

/**
 * Whether a stream gets ANSI colour: NO_COLOR (any non-empty value, no-color.org) turns it off,
 * FORCE_COLOR turns it on (off for `0` or `false`), otherwise only a terminal gets it.
 */
export function colorFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(isTTY) && env['TERM'] !== 'dumb';
}

export const nodeIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  // bounded and regular files only: `/dev/zero` or a FIFO is refused before a byte is read
  readFile: (p) => readRegularText(p, LIMITS.fileBytes.value, 'file', LIMITS.fileBytes.envVar),
  writeFile: (p, d) => writeFileSync(p, d),
  mkdir: (p) => mkdirSync(p, { recursive: true }),
  color: colorFor(process.stdout.isTTY),
  errColor: colorFor(process.stderr.isTTY),
};
