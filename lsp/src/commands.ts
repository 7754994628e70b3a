// Custom requests behind the editor's commands: the partitioned (SPMD) program, the cost page and
// the tile picture of the tensor at the cursor. The client only displays what these return.

import {
  allValues, analyze, localShape, meshSize, printModule, renderTiles, runCli, shapeOf, shardingToText, Stage,
  type Analysis, type CliIO, type Module, type SymbolDef, type Value,
} from '@gshard/compiler';
import type { Connection, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatBytes } from './convert.js';
import { localBytes, originText, typeText } from './describe.js';

/** Method names; the extension uses the same strings. */
export const PARTITIONED_PROGRAM = 'gshard/partitionedProgram';
export const COST_REPORT = 'gshard/costReport';
export const TENSOR_SHARDING = 'gshard/tensorSharding';

export interface UriParams { readonly uri: string }
export interface PositionParams { readonly uri: string; readonly position: Position }

/** Either what to show (`text` is plain text, or HTML for the cost page) or why there is nothing. */
export type CommandResult =
  | { readonly ok: true; readonly title: string; readonly text: string }
  | { readonly ok: false; readonly message: string };

const fail = (message: string): CommandResult => ({ ok: false, message });

/** The file name a URI ends with, for titles and the cost command's messages. */
export function fileName(uri: string): string {
  const last = uri.split(/[\\/]/).pop() ?? uri;
  try { return decodeURIComponent(last) || 'model.gshard'; } catch { return last || 'model.gshard'; }
}

/** One document version analysed through partitioning (the commands are explicit, so they may wait for it). */
export interface Snapshot { readonly text: string; readonly analysis: Analysis }

export function snapshot(text: string): Snapshot {
  return { text, analysis: analyze(text, Stage.Partitioned) };
}

/** Why the slow stages produced no SPMD program: the first error, with its line. */
function whyNoProgram(doc: Snapshot): string {
  const first = doc.analysis.diagnostics.find((d) => d.severity === 'error');
  return first
    ? `The file has errors, so it cannot be partitioned: line ${first.span.start.line}: ${first.message}`
    : 'The file has no model to partition: add `model main(...) { ... }` that calls your layers.';
}

export function partitionedProgram(doc: Snapshot, uri: string): CommandResult {
  const spmd = doc.analysis.spmd;
  if (!spmd) return fail(whyNoProgram(doc));
  return { ok: true, title: `${fileName(uri)} (SPMD)`, text: `${printModule(spmd)}\n` };
}

/**
 * The HTML cost page, made exactly as `gshard cost FILE --html OUT` makes it: the CLI command runs
 * over an in-memory IO holding the document's current text, so the page and the CLI never disagree.
 */
export async function costReport(doc: Snapshot, uri: string): Promise<CommandResult> {
  const file = fileName(uri);
  const out = `${file}.cost.html`;
  const written = new Map<string, string>();
  const errors: string[] = [];
  const io: CliIO = {
    out: () => {},
    err: (t) => { errors.push(t); },
    readFile: (p) => { if (p === file) return doc.text; throw new Error(`no such file ${p}`); },
    writeFile: (p, d) => { written.set(p, typeof d === 'string' ? d : new TextDecoder().decode(d)); },
    mkdir: () => {},
    color: false,
  };
  await runCli(['cost', file, '--html', out], io);
  const html = written.get(out);
  if (html === undefined) return fail(errors.join('').trim() || whyNoProgram(doc));
  return { ok: true, title: `Cost: ${file}`, text: html };
}

/** The source tensor (input, param, binding) named under the cursor: the narrowest definition or use touching it. */
export function tensorAt(analysis: Analysis, offset: number): SymbolDef | undefined {
  const { definitions, references } = analysis.front.lowered.symbols;
  let best: { def: SymbolDef; length: number } | undefined;
  const consider = (def: SymbolDef, start: number, end: number) => {
    if (start <= offset && offset <= end && (!best || end - start < best.length)) best = { def, length: end - start };
  };
  for (const d of definitions) consider(d, d.span.start.offset, d.span.end.offset);
  for (const r of references) consider(r.def, r.span.start.offset, r.span.end.offset);
  return best && ['input', 'param', 'binding'].includes(best.def.kind) ? best.def : undefined;
}

/** The IR values of a source tensor, with shardings: one per instance of its layer. */
function valuesOf(analysis: Analysis, def: SymbolDef): Value[] {
  const module = analysis.sharded;
  if (!module) return [];
  const names = analysis.front.lowered.symbols.instances
    .filter((i) => i.span.start.offset === def.span.start.offset).map((i) => i.valueName);
  const byName = new Map(allValues(module).map((v) => [v.name, v]));
  return names.flatMap((n) => byName.get(n) ?? []);
}

/** One block per value: its sharded type, per-device shape and bytes, where the sharding came from, the tiles. */
function describeTiles(v: Value, module: Module): string {
  const lines = [`${v.name}: ${typeText(v)}`];
  if (!v.sharding) return [...lines, `sharding: ${originText(v)}`].join('\n');
  const local = localShape(shapeOf(v.type), v.sharding, module.mesh);
  lines.push(
    `per device: ${v.type.dtype}[${local.join(', ')}], ${formatBytes(localBytes(v, module))} ` +
      `on each of ${meshSize(module.mesh)} devices of mesh ${module.mesh.name}`,
    `sharding ${shardingToText(v.sharding)}: ${originText(v).replace(/`/g, '')}`,
    '',
    renderTiles(v.type, v.sharding, module.mesh),
  );
  return lines.join('\n');
}

export function tensorSharding(doc: Snapshot, uri: string, offset: number): CommandResult {
  const def = tensorAt(doc.analysis, offset);
  if (!def) return fail('Put the cursor on a tensor (an input, a param or a binding) to see its sharding.');
  const module = doc.analysis.sharded;
  const values = valuesOf(doc.analysis, def);
  if (!module || values.length === 0) return fail(`\`${def.name}\` has no sharding yet: ${whyNoProgram(doc)}`);
  // Each instance of a repeated layer is its own IR value; show them all (they may differ).
  const blocks = values.map((v) => describeTiles(v, module));
  return { ok: true, title: `${def.name} in ${fileName(uri)} (tiles)`, text: `${blocks.join('\n\n')}\n` };
}

const CACHED = 4;

/**
 * Registers the requests on the connection. `document` gives an open document's current text; the
 * analysis is the commands' own (cached per version), so they do not depend on the server's caches.
 */
export function registerCommands(connection: Connection, document: (uri: string) => TextDocument | undefined): void {
  const cache = new Map<string, { version: number; snapshot: Snapshot }>();
  const current = (uri: string): { doc: TextDocument; snapshot: Snapshot } | undefined => {
    const doc = document(uri);
    if (!doc) return undefined;
    let hit = cache.get(uri);
    if (!hit || hit.version !== doc.version) {
      hit = { version: doc.version, snapshot: snapshot(doc.getText()) };
      cache.delete(uri);
      cache.set(uri, hit);
      const oldest = cache.keys().next().value;
      if (cache.size > CACHED && oldest !== undefined) cache.delete(oldest);
    }
    return { doc, snapshot: hit.snapshot };
  };
  type Command<P> = (s: Snapshot, doc: TextDocument, p: P) => CommandResult | Promise<CommandResult>;
  const handle = <P extends UriParams>(name: string, fn: Command<P>) =>
    async (p: P): Promise<CommandResult> => {
      try {
        const c = current(p.uri);
        return c ? await fn(c.snapshot, c.doc, p) : fail(`${fileName(p.uri)} is not open in the language server.`);
      } catch (e) {
        const detail = e instanceof Error ? e.stack ?? e.message : String(e);
        connection.console.error(`gshard-lsp: ${name} failed: ${detail}`);
        return fail(`${name} failed: ${e instanceof Error ? e.message : String(e)} (a bug in gshard)`);
      }
    };
  connection.onRequest(PARTITIONED_PROGRAM,
    handle<UriParams>('partitioned program', (s, _d, p) => partitionedProgram(s, p.uri)));
  connection.onRequest(COST_REPORT, handle<UriParams>('cost report', (s, _d, p) => costReport(s, p.uri)));
  connection.onRequest(TENSOR_SHARDING,
    handle<PositionParams>('tensor sharding', (s, d, p) => tensorSharding(s, p.uri, d.offsetAt(p.position))));
}
