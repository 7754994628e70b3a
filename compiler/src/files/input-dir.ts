// The --inputs directory: it must exist and be a directory (a typo is an error, not "0 loaded").
import { lstatSync, statSync } from 'node:fs';
import { FileReadError } from './read-regular.js';

/** Throws FileReadError (code io-inputs-dir) unless `dir` is, or links to, an existing directory. */
export function checkInputsDir(dir: string): void {
  const fail = (why: string) => new FileReadError('io-inputs-dir', `--inputs ${dir}: ${why}`, dir);
  const link = lstatSync(dir, { throwIfNoEntry: false });
  if (!link) throw fail('no such directory');
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    if (link.isSymbolicLink()) throw fail('a symbolic link to a path that does not exist');
    throw fail(`cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!st.isDirectory()) throw fail('not a directory (give the directory a previous run --save wrote, or one laid out like it)');
}
