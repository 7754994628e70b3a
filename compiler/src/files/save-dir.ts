// The --save directory: validated and staged before any work, written into a fresh temporary
// directory beside the target, and renamed into place only when complete (never half-written).
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, accessSync, constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A --save target that cannot be used; `code` is stable (printed as `error[CODE]`). */
export class SaveDirError extends Error {
  readonly code = 'io-save-dir';
}

export interface SaveTarget {
  /** The directory the user named. */
  readonly target: string;
  /**
   * Writes the save: `fill` gets a fresh temporary directory beside the target (nothing in it can be
   * a symlink), which is renamed into place when `fill` returns; on an error or a signal it is removed.
   */
  write(fill: (dir: string) => void): void;
}

function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** True when `dir` holds a manifest.json (a regular file, not a link) written by a gshard save. */
export function isPreviousSave(dir: string): boolean {
  const manifest = join(dir, 'manifest.json');
  try {
    if (!lstatSync(manifest).isFile()) return false;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    return typeof json['generator'] === 'string' && Array.isArray(json['files']); // what saveRun writes
  } catch {
    return false;
  }
}

/** Checks `target` before any work is done (a usable directory, or a path one can be made at); throws SaveDirError. */
export function checkSaveDir(target: string, options: { force?: boolean } = {}): SaveTarget {
  const abs = resolve(target);
  checkTarget(target, abs, Boolean(options.force));
  // prove now that the staging directory can be made, rather than after a long run
  rmSync(makeStaging(target, abs), { recursive: true, force: true });
  return {
    target,
    write(fill) {
      checkTarget(target, abs, true); // it may have changed during the run
      const staging = makeStaging(target, abs);
      const onSignal = (signal: NodeJS.Signals) => {
        rmSync(staging, { recursive: true, force: true });
        process.stderr.write(`\ngshard: interrupted (${signal}); nothing was saved\n`);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        fill(staging);
        replaceWith(abs, staging);
      } catch (e) {
        rmSync(staging, { recursive: true, force: true });
        throw e instanceof SaveDirError ? e : new SaveDirError(`--save ${target}: writing failed (${errnoOf(e)}); nothing was saved`);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    },
  };
}

function checkTarget(target: string, abs: string, force: boolean): void {
  try {
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) throw new SaveDirError(`--save ${target}: is a symbolic link; name the directory itself`);
    if (!st.isDirectory()) throw new SaveDirError(`--save ${target}: exists and is not a directory`);
    accessSync(abs, constants.W_OK);
    if (readdirSync(abs).length > 0 && !isPreviousSave(abs) && !force) {
      throw new SaveDirError(`--save ${target}: the directory is not empty and holds no previous gshard save ` +
        '(manifest.json); pass --force to replace it');
    }
  } catch (e) {
    if (e instanceof SaveDirError) throw e;
    if (errnoOf(e) !== 'ENOENT') throw new SaveDirError(`--save ${target}: cannot use it (${errnoOf(e)})`);
  }
}

function makeStaging(target: string, abs: string): string {
  const parent = dirname(abs);
  try {
    mkdirSync(parent, { recursive: true });
    if (!statSync(parent).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    return mkdtempSync(join(parent, `.${basename(abs)}.gshard-tmp-`));
  } catch (e) {
    throw new SaveDirError(`--save ${target}: cannot create a directory in ${parent} (${errnoOf(e)})`);
  }
}

/** Renames `staging` to `abs`; a previous save there is moved aside first and removed after. */
function replaceWith(abs: string, staging: string): void {
  if (!lstatSync(abs, { throwIfNoEntry: false })) { renameSync(staging, abs); return; }
  const old = `${staging}-old`;
  renameSync(abs, old);
  try {
    renameSync(staging, abs);
  } catch (e) {
    renameSync(old, abs);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}
