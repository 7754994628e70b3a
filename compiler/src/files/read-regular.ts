// Bounded reads of regular files: fstat before reading, never more than the limit plus one byte,
// and no blocking on FIFOs or devices (a `/dev/zero` or a named pipe is refused, not read).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a path could not be read; `code` is stable (printed as `error[CODE]`). */
export class FileReadError extends Error {
  constructor(readonly code: 'io-read' | 'io-not-a-file' | 'io-too-large' | 'io-inputs-dir', message: string, readonly path: string) {
    super(message);
  }
}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The bytes of the regular file at `path` (symlinks followed), at most `maxBytes`. Opens without
 * blocking (O_NONBLOCK: a FIFO with no writer would otherwise hang the open), checks the type and size
 * on the open descriptor, and reads at most maxBytes + 1 so a file growing meanwhile is still refused.
 */
export function readRegularFile(path: string, maxBytes: number, what = 'file', envVar?: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new FileReadError('io-read', `cannot read the ${what}: ${code}`, path);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileReadError('io-not-a-file', `cannot read the ${what}: it is ${kindOf(st)}, not a regular file`, path);
    if (st.size > maxBytes) throw tooLarge(path, what, st.size, maxBytes, false, envVar);
    // one byte more than fstat said: reading it means the file grew, and then readRest takes over
    const buf = Buffer.allocUnsafe(Math.min(maxBytes, st.size) + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > maxBytes) throw tooLarge(path, what, n, maxBytes, true, envVar);
    if (n === buf.length) return readRest(fd, buf, n, maxBytes, path, what, envVar);
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new FileReadError('io-read', `cannot read the ${what}: ${code}`, path);
  } finally {
    closeSync(fd);
  }
}

/** The file grew after fstat: keep reading in chunks, still never past maxBytes + 1. */
function readRest(fd: number, first: Buffer, n: number, maxBytes: number, path: string, what: string, envVar?: string): Uint8Array {
  const chunks: Buffer[] = [first.subarray(0, n)];
  let total = n;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    if (chunk.length === 0) throw tooLarge(path, what, total, maxBytes, true, envVar);
    const got = readSync(fd, chunk, 0, chunk.length, null);
    if (got === 0) break;
    chunks.push(chunk.subarray(0, got));
    total += got;
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function tooLarge(path: string, what: string, size: number, maxBytes: number, atLeast: boolean, envVar?: string): FileReadError {
  const raise = envVar ? ` (raise it with ${envVar}=<n>)` : '';
  return new FileReadError('io-too-large',
    `the ${what} is too large: ${atLeast ? 'over ' : ''}${size} bytes exceeds the limit of ${maxBytes} bytes${raise}`, path);
}

/** `readRegularFile` decoded as UTF-8. */
export function readRegularText(path: string, maxBytes: number, what = 'file', envVar?: string): string {
  return Buffer.from(readRegularFile(path, maxBytes, what, envVar)).toString('utf8');
}
