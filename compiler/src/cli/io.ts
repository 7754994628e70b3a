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
  readonly color: boolean;
}

export const nodeIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  // bounded and regular files only: `/dev/zero` or a FIFO is refused before a byte is read
  readFile: (p) => readRegularText(p, LIMITS.fileBytes.value, 'file', LIMITS.fileBytes.envVar),
  writeFile: (p, d) => writeFileSync(p, d),
  mkdir: (p) => mkdirSync(p, { recursive: true }),
  color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
};
