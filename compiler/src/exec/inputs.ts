// Owns the arrays a run starts from: deterministic generation from a seed (documented in docs/running.md), and
// .npy loading and saving with a manifest of dim names.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readRegularFile } from '../files/read-regular.js';
import { join } from 'node:path';
import type { Module, Value } from '../ir/module.js';
import { mulberry32 } from './prng.js';

export { mulberry32 };
import { cast, decodeNpy, encodeNpy, roundArrayToBf16, zeros, type NDArray } from '../runtime/index.js';
import { opEntry } from '../ops/registry.js';
import { must } from '../util/checked.js';

/**
 * What an input is for: an ordinary tensor, or a uniform random draw (an f32 input only compared with lt/gt,
 * like top2_gating's noise).
 */
export type FeedKind = 'input' | 'param' | 'random';

export interface Feed {
  readonly value: Value;
  readonly kind: FeedKind;
  readonly array: NDArray;
  /** 'generated' from the seed, or the path it was loaded from. */
  readonly source: string;
}

/** 32-bit FNV-1a of a string: mixes the value name into the seed so each tensor has its own stream. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}

/**
 * The stream of a named tensor under a run seed: mulberry32(seed XOR fnv1a(name)). Independent of generation
 * order.
 */
export function streamFor(seed: number, name: string): () => number {
  return mulberry32((seed ^ fnv1a(name)) >>> 0);
}

/**
 * How each input is used decides its range: ids for gather/one_hot get valid indices; comparison-only f32
 * inputs are [0, 1) draws.
 */
function classify(m: Module, v: Value): { kind: FeedKind; idRange?: number } {
  const users = m.ops.filter((op) => op.operands.some((o) => o.id === v.id));
  if (v.type.dtype === 'i32') {
    let range = 8;
    for (const op of users) {
      const idRange = opEntry(op.kind)?.role.idRange;
      if (!idRange) continue;
      op.operands.forEach((o, i) => { if (o.id === v.id) range = idRange(op, i) ?? range; });
    }
    return { kind: v.role === 'param' ? 'param' : 'input', idRange: range };
  }
  if (v.role === 'input' && users.length > 0 && users.every((op) => opEntry(op.kind)?.role.comparison === true)) {
    return { kind: 'random' };
  }
  return { kind: v.role === 'param' ? 'param' : 'input' };
}

/**
 * One tensor from the seed. f32/bf16 inputs: uniform in [-1, 1); random draws: uniform in [0, 1);
 * params of rank >= 2: uniform in [-1, 1) / sqrt(n), n = the size of the second-to-last dim (the
 * usual fan-in of [.., in, out] weights), rank <= 1: uniform in [-1, 1); i32: uniform integers in
 * [0, range) (the gathered table's size, or 8). bf16 values are rounded to bf16; bool are u < 0.5.
 */
export function generate(m: Module, v: Value, seed: number): Feed {
  const { kind, idRange } = classify(m, v);
  const t = v.type;
  const a = zeros(t.dtype, t.dims.map((d) => d.name), t.dims.map((d) => d.size));
  const next = streamFor(seed, v.name);
  const d = a.data;
  if (t.dtype === 'i32') {
    const range = must(idRange, 'classify gives every i32 input an id range');
    for (let i = 0; i < d.length; i++) d[i] = Math.floor(next() * range);
  } else if (t.dtype === 'bool') for (let i = 0; i < d.length; i++) d[i] = next() < 0.5 ? 1 : 0;
  else {
    const fanIn = t.dims.at(-2); // present when the rank is >= 2
    const scale = kind === 'param' && fanIn ? 1 / Math.sqrt(fanIn.size) : 1;
    if (kind === 'random') for (let i = 0; i < d.length; i++) d[i] = next();
    else for (let i = 0; i < d.length; i++) d[i] = (next() * 2 - 1) * scale;
    if (t.dtype === 'bf16') roundArrayToBf16(d as Float32Array);
  }
  return { value: v, kind, array: a, source: 'generated' };
}

const DIR_OF: Record<FeedKind, string> = { input: 'inputs', param: 'params', random: 'random' };

/**
 * Where a feed lives under a --save/--inputs directory: `inputs/NAME.npy`, `params/NAME.npy` or
 * `random/NAME.npy`.
 */
export function feedPath(dir: string, kind: FeedKind, name: string): string {
  return join(dir, DIR_OF[kind], `${name}.npy`);
}

/**
 * Bytes read of a .npy for `elements`: 8 per element (the widest dtype) plus room for the header,
 * and at least 64 MiB, so that a file of the wrong shape is read and named by its shape.
 */
function npyLimit(elements: number): number {
  return Math.max(elements * 8 + 64 * 1024, 64 * 1024 * 1024);
}

/**
 * Every input and param: loaded from `dir` when a file for it exists (its shape must match;
 * dims come from the IR). Without a dir every feed is generated from the seed; with one, a feed
 * missing from it is an error naming it, unless `generateMissing`.
 */
export function prepareFeeds(
  m: Module, seed: number, dir?: string, options: { generateMissing?: boolean } = {},
): Feed[] {
  const missing: string[] = [];
  const feeds = [...m.inputs, ...m.params].map((v) => {
    const generated = generate(m, v, seed);
    if (!dir) return generated;
    const candidates = [
      feedPath(dir, generated.kind, v.name),
      ...(['input', 'param', 'random'] as const).map((k) => feedPath(dir, k, v.name)),
      join(dir, `${v.name}.npy`),
    ];
    const path = candidates.find((p) => existsSync(p));
    if (!path) {
      missing.push(`${v.role} '${v.name}' (${feedPath('', generated.kind, v.name)})`);
      return generated;
    }
    const dims = v.type.dims.map((d) => d.name);
    const shape = v.type.dims.map((d) => d.size);
    const fileDtype = v.type.dtype === 'bf16' ? 'f32' : v.type.dtype;
    let array: NDArray;
    try {
      const bytes = readRegularFile(path, npyLimit(shape.reduce((p, x) => p * x, 1)), '.npy file');
      array = decodeNpy(bytes, dims, { shape, dtype: fileDtype });
    } catch (e) {
      const type = `${v.type.dtype}[${v.type.dims.map((d) => `${d.name}=${d.size}`).join(', ')}]`;
      throw new FeedError(`${path}: ${(e as Error).message} (for ${v.role} '${v.name}': ${type})`);
    }
    if (v.type.dtype === 'bf16') array = cast(array, 'bf16');
    return { value: v, kind: generated.kind, array, source: path };
  });
  if (missing.length > 0 && !options.generateMissing) {
    throw new FeedError(`--inputs ${dir}: no .npy file for ${missing.join(', ')}; ` +
      'pass --generate-missing to generate missing feeds from the seed');
  }
  return feeds;
}

/** A --inputs file that cannot be used (wrong shape or dtype, not .npy): a user error, not a bug. */
export class FeedError extends Error {}

export interface SavedFile {
  readonly path: string;
  readonly name: string;
  readonly dims: string[];
  readonly dtype: string;
}

/** Writes `a` as `dir/sub/name.npy` and records it in `files` (for the manifest). */
export function npyWriter(dir: string, files: SavedFile[]): (sub: string, name: string, a: NDArray) => void {
  return (sub, name, a) => {
    mkdirSync(join(dir, sub), { recursive: true });
    // the manifest's path is relative to the save directory, however `dir` was spelled (`out/`, `./out`)
    const path = `${sub}/${name}.npy`;
    writeFileSync(join(dir, path), encodeNpy(a));
    files.push({ path, name, dims: [...a.dims], dtype: a.dtype });
  };
}

/** The folder of a feed under a --save/--inputs directory: `inputs`, `params` or `random`. */
export function feedDir(kind: FeedKind): string {
  return DIR_OF[kind];
}

/**
 * Writes every feed and the outputs (mesh and reference) as .npy, plus `manifest.json` naming the
 * dims of each file (numpy has no dim names) and how the run was made.
 */
export function saveRun(
  dir: string, feeds: readonly Feed[], outputs: readonly { name: string; mesh: NDArray; reference: NDArray }[],
  info: Record<string, unknown>,
): SavedFile[] {
  const files: SavedFile[] = [];
  const write = npyWriter(dir, files);
  for (const f of feeds) write(DIR_OF[f.kind], f.value.name, f.array);
  for (const o of outputs) { write('outputs', o.name, o.mesh); write('reference', o.name, o.reference); }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ ...info, files }, null, 2)}\n`);
  return files;
}

/** Reads a manifest written by saveRun (for tests and tools). */
export function readManifest(dir: string): { files: SavedFile[] } & Record<string, unknown> {
  const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
  return JSON.parse(text) as { files: SavedFile[] } & Record<string, unknown>;
}
