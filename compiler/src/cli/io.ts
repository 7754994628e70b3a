// What a command may touch: output streams and files. Tests pass an in-memory version.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, data: string | Uint8Array): void;
  mkdir(path: string): void;
  readonly color: boolean;
}

export const nodeIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, d) => writeFileSync(p, d),
  mkdir: (p) => mkdirSync(p, { recursive: true }),
  color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
};
