// Guards the server's input stream: only well-framed JSON-RPC messages reach the connection. A bad
// header or body is logged and skipped up to the next header (resynchronising); a flood of bytes
// with no header in it is fatal, so the process exits non-zero and the client restarts it.
import { PassThrough, type Readable } from 'node:stream';

export interface FramingOptions {
  /** Largest Content-Length accepted (a larger one is treated as a broken header). */
  readonly maxMessageBytes?: number;
  /** Bytes skipped in a row without finding a header before giving up (fatal). */
  readonly maxGarbageBytes?: number;
  readonly log: (message: string) => void;
  /** Called once when framing is lost for good; the server exits non-zero. */
  readonly fatal: (message: string) => void;
  /**
   * A request whose params are not an object or array (null, a number): answered here with -32602
   * Invalid params instead of reaching handlers that read fields of it. Without this hook it passes.
   */
  readonly invalidParams?: (id: number | string, method: string, message: string) => void;
}

/** Client requests whose params may be absent or null. */
const VOID_PARAMS = new Set(['shutdown']);

const HEADER = 'content-length:';
const MAX_HEADER_BYTES = 1024;

/** What `input` carries, reframed: every message in it that has a valid header and a JSON body. */
export function guardFraming(input: Readable, options: FramingOptions): PassThrough {
  const out = new PassThrough();
  // the messages of one input chunk go out as one chunk, as they came in: the reader then sees a
  // burst of edits together (and the server can coalesce them) instead of one macrotask per message
  let batch: Buffer[] = [];
  const parser = new FrameParser(options, (body) => {
    batch.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body);
  });
  input.on('data', (chunk: Buffer) => {
    parser.push(chunk);
    if (batch.length === 0) return;
    out.write(Buffer.concat(batch));
    batch = [];
  });
  input.on('end', () => out.end());
  input.on('error', (e) => out.destroy(e));
  return out;
}

/** The framing state machine, separate from streams so that tests can feed it bytes. */
export class FrameParser {
  private buffer: Buffer = Buffer.alloc(0);
  private garbage = 0;
  private dead = false;
  private resyncing = false;
  /** How far checkOverrun has looked for a header in the current buffer. */
  private scanned = 0;
  private readonly maxMessage: number;
  private readonly maxGarbage: number;

  constructor(private readonly options: FramingOptions, private readonly emit: (body: Buffer) => void) {
    this.maxMessage = options.maxMessageBytes ?? 256 * 1024 * 1024;
    this.maxGarbage = options.maxGarbageBytes ?? 4 * 1024 * 1024;
  }

  push(chunk: Buffer): void {
    if (this.dead) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (!this.dead && this.step());
  }

  /** One message or one resync; false when more bytes are needed. */
  private step(): boolean {
    const b = this.buffer;
    if (b.length === 0) return false;
    if (!startsWithHeader(b)) return this.resync(`no Content-Length header where a message should start`, 0);
    const end = b.indexOf('\r\n\r\n');
    if (end < 0) {
      if (b.length > MAX_HEADER_BYTES) return this.resync('a header with no blank line after it', 1);
      return false;
    }
    const header = b.subarray(0, end).toString('latin1');
    const length = contentLength(header);
    if (typeof length === 'string') return this.resync(length, 1);
    if (length > this.maxMessage) {
      return this.resync(`Content-Length ${length} is over the limit of ${this.maxMessage} bytes`, 1);
    }
    const start = end + 4;
    if (b.length < start + length) return this.checkOverrun(start, length);
    const body = b.subarray(start, start + length);
    const message = parseObject(body);
    if (!message) return this.resync(`the ${length}-byte body is not JSON (a wrong Content-Length?)`, start);
    this.buffer = b.subarray(start + length);
    this.garbage = 0;
    this.scanned = 0;
    if (Array.isArray(message) || (typeof message['method'] !== 'string' && !('id' in message))) {
      // well framed, but no message: a JSON-RPC batch (LSP has none) or an object without method or id
      this.options.log(`gshard-lsp: skipped a ${length}-byte body that is not a JSON-RPC message`);
      return true;
    }
    const { invalidParams } = this.options;
    const bad = invalidParams && badParams(message);
    if (bad) invalidParams(bad.id, bad.method, bad.message);
    else this.emit(body);
    return true;
  }

  /**
   * Waiting for a body: if a complete header appears inside it, the declared length was too large
   * (a JSON body cannot hold a raw `\r\n\r\n`, so no valid body contains a header): skip the broken
   * message rather than wait forever for bytes the client will not send.
   */
  private checkOverrun(start: number, length: number): boolean {
    let at = Math.max(start + 1, this.scanned);
    for (let next = findHeader(this.buffer, at); next >= 0; next = findHeader(this.buffer, at)) {
      const end = this.buffer.indexOf('\r\n\r\n', next);
      if (end < 0 || end - next > MAX_HEADER_BYTES) break;
      if (typeof contentLength(this.buffer.subarray(next, end).toString('latin1')) === 'number') {
        return this.resync(`Content-Length ${length} runs past the end of its message`, start);
      }
      at = next + 1;
    }
    this.scanned = Math.max(at, this.buffer.length - MAX_HEADER_BYTES);
    return false;
  }

  /** Drops bytes up to the next header at or after `from`; false when none is there yet. */
  private resync(why: string, from: number): boolean {
    if (!this.resyncing) {
      this.resyncing = true;
      this.options.log(`gshard-lsp: bad message framing: ${why}; skipping to the next Content-Length header`);
    }
    const next = findHeader(this.buffer, from);
    const skipped = next < 0 ? Math.max(0, this.buffer.length - HEADER.length) : next;
    this.garbage += skipped;
    this.buffer = this.buffer.subarray(skipped);
    this.scanned = 0;
    if (this.garbage > this.maxGarbage) {
      this.dead = true;
      this.options.fatal(`gshard-lsp: lost message framing: ${this.garbage} bytes without a valid message; exiting`);
      return false;
    }
    if (next < 0) return false;
    this.resyncing = false;
    this.options.log(`gshard-lsp: resynchronised after skipping ${this.garbage} bytes`);
    return true;
  }
}

function startsWithHeader(b: Buffer): boolean {
  const n = Math.min(b.length, HEADER.length);
  return b.subarray(0, n).toString('latin1').toLowerCase() === HEADER.slice(0, n) ||
    /^content-type:/i.test(b.subarray(0, 13).toString('latin1'));
}

/** The position of the next `Content-Length:` (as clients spell it, or in lower case) at or after `from`, or -1. */
function findHeader(b: Buffer, from: number): number {
  const a = b.indexOf('Content-Length:', from, 'latin1');
  const c = b.indexOf(HEADER, from, 'latin1');
  return a < 0 ? c : c < 0 ? a : Math.min(a, c);
}

/** The Content-Length of a header block, or why it is unusable. */
function contentLength(header: string): number | string {
  let length: number | string = 'no Content-Length in the header';
  for (const line of header.split('\r\n')) {
    const m = /^([A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    const [, name, value] = m ?? [];
    if (name === undefined || value === undefined) {
      return `a header line that is not 'Name: value' (${JSON.stringify(line.slice(0, 40))})`;
    }
    if (name.toLowerCase() !== 'content-length') continue;
    if (!/^\d{1,16}$/.test(value)) return `Content-Length ${JSON.stringify(value.slice(0, 40))} is not a byte count`;
    length = Number(value);
    if (!Number.isSafeInteger(length)) return `Content-Length ${value} is not a safe integer`;
  }
  return length;
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return typeof v === 'object' && v !== null ? v as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** A request (method and id) whose params are present but neither an object nor an array. */
function badParams(m: Record<string, unknown>): { id: number | string; method: string; message: string } | undefined {
  const { id, method, params } = m;
  if (typeof method !== 'string' || (typeof id !== 'number' && typeof id !== 'string')) return undefined;
  if (!('params' in m) || (typeof params === 'object' && params !== null) || VOID_PARAMS.has(method)) return undefined;
  const got = params === null ? 'null' : typeof params;
  return { id, method, message: `Invalid params for ${method}: expected an object, got ${got}` };
}
