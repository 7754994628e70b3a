// A CliIO over an in-memory file map, with what the command wrote to stdout and stderr, for CLI tests.
import type { CliIO } from '../../src/cli/io.js';

/** Reads and writes go to `files` (a missing file is ENOENT); `stdout` and `stderr` collect the output. */
export function memoryIO(files: Record<string, string>) {
  const io = {
    out: (t: string) => { io.stdout += t; },
    err: (t: string) => { io.stderr += t; },
    readFile: (p: string) => {
      const text = files[p];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return text;
    },
    writeFile: (p: string, d: string | Uint8Array) => { files[p] = String(d); },
    mkdir: () => {},
    color: false,
    stdout: '',
    stderr: '',
  };
  return io satisfies CliIO;
}
