// A small JSON-RPC client for tests and benches: spawns the real server (`gshard-lsp --stdio`) and
// speaks Content-Length framed messages over its stdio, as an editor does.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SERVER_BIN = fileURLToPath(new URL('../../bin/gshard-lsp.js', import.meta.url));

interface Pending { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }
export interface Published { uri: string; version?: number; diagnostics: LspDiagnostic[] }
export interface LspDiagnostic {
  range: LspRange; message: string; code?: string; severity?: number;
  relatedInformation?: { message: string; location: { uri: string; range: LspRange } }[];
  data?: unknown;
}
export interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  /** Every publishDiagnostics, in arrival order. */
  readonly published: Published[] = [];
  /** Server-to-client requests seen (method names), e.g. workspace/inlayHint/refresh. */
  readonly serverRequests: string[] = [];
  /** window/logMessage notifications: the server logs every handler failure there. */
  readonly logs: { type: number; message: string }[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private versions = new Map<string, number>();

  constructor(args: readonly string[] = ['--stdio'], bin = SERVER_BIN) {
    this.proc = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    // a server that exited closes its stdin: the exit is reported through `exited`, not as EPIPE
    this.proc.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}) during ${p.method}: ${this.stderr}`));
      resolve(code);
    }));
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  /** Writes bytes to the server as they are, framing and all (for tests of broken framing). */
  sendRaw(bytes: string | Buffer): void {
    this.proc.stdin.write(bytes);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } });
    }
  }

  private dispatch(msg: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string; code?: number } }): void {
    if (msg.method !== undefined && msg.id !== undefined) {
      // A request from the server (refresh, configuration, registration): acknowledge it.
      this.serverRequests.push(msg.method);
      this.send({ id: msg.id, result: msg.method === 'workspace/configuration' ? [{}] : null });
    } else if (msg.method === 'window/logMessage') {
      this.logs.push(msg.params as { type: number; message: string });
    } else if (msg.method === 'textDocument/publishDiagnostics') {
      const p = msg.params as Published;
      this.published.push(p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i]!.test(p)) { this.waiters[i]!.resolve(p); this.waiters.splice(i, 1); }
      }
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.error) p.reject(Object.assign(new Error(`${p.method}: ${msg.error.message}`), { code: msg.error.code }));
      else p.resolve(msg.result);
    }
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async initialize(initializationOptions: object = { debounceMs: 5, idleMs: 20 }, capabilities: object = {}): Promise<any> {
    const result = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'gshard', version: 1, text } });
  }

  /** Replaces the whole text (or a range when given); returns the new version. */
  change(uri: string, text: string, range?: LspRange): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [range ? { range, text } : { text }] });
    return version;
  }

  /** The next diagnostics for `uri` matching `test` (already-received ones count when `past`). */
  diagnostics(uri: string, test: (p: Published) => boolean = () => true, past = false): Promise<Published> {
    const match = (p: Published) => p.uri === uri && test(p);
    if (past) {
      const seen = [...this.published].reverse().find(match);
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve) => this.waiters.push({ test: match, resolve }));
  }

  /** Waits for diagnostics of exactly `version` whose set passes `test`. */
  diagnosticsFor(uri: string, version: number, test: (p: Published) => boolean = () => true): Promise<Published> {
    return this.diagnostics(uri, (p) => p.version === version && test(p), true);
  }

  /**
   * Waits until the slow stages (propagation, partitioning) have run for `version`: the server
   * publishes once after checking and once more after the idle analysis.
   */
  async settled(uri: string, version: number): Promise<Published> {
    const count = () => this.published.filter((p) => p.uri === uri && p.version === version).length;
    while (count() < 2) await this.diagnostics(uri, (p) => p.version === version);
    return [...this.published].reverse().find((p) => p.uri === uri && p.version === version)!;
  }

  /** Handler failures the server logged (LSP MessageType.Error). */
  get failures(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }

  at = (uri: string, position: { line: number; character: number }) => ({ textDocument: { uri }, position });

  async stop(): Promise<number | null> {
    if (this.alive) {
      // a wedged server never answers shutdown: wait a while, then kill it below
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, 3000); });
      await Promise.race([this.request('shutdown', null).catch(() => {}), gaveUp]);
      clearTimeout(timer);
      this.notify('exit', null);
    }
    const timer = setTimeout(() => this.proc.kill(), 3000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
