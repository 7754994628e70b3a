// The tile picture: a box grid of which devices hold which slice of a tensor (as jax.debug.visualize_array_sharding).

import { DTYPE_BYTES, type TensorType } from '../ir/types.js';
import { formatBytes } from '../diag/format.js';
import { meshSize, type Mesh } from '../ir/mesh.js';
import { localShape, paddingWaste, shardCount, tileIndex, type Sharding } from '../ir/sharding.js';
import { jaxTypeString } from '../ir/sharding-text.js';
import { at, got } from '../util/checked.js';

export interface TileRenderOptions {
  /** Total width budget in columns (default 100). */
  readonly width?: number;
  /** Most tiles drawn per row or column; the rest are elided with `…` (default 16). */
  readonly maxTiles?: number;
  /** Device ids listed in a tile before abbreviating as `0,16,…,240 (16)` (default 4). */
  readonly maxDevices?: number;
}

/**
 * Draws the tiles of `type` under `s`: rows follow the first split dim, columns the other split dims
 * (flattened row-major when there are several), except that a lone split of a later dim, or of a
 * rank-1 tensor, is drawn as columns, as JAX does. Each tile lists its devices and its index ranges.
 */
export function renderTiles(type: TensorType, s: Sharding, mesh: Mesh, opts: TileRenderOptions = {}): string {
  const width = opts.width ?? 100;
  const maxTiles = Math.max(2, opts.maxTiles ?? 16);
  const maxDevices = Math.max(2, opts.maxDevices ?? 4);
  const shape = type.dims.map((d) => d.size);
  const counts = type.dims.map((_, i) => shardCount(s, mesh, i));
  const local = localShape(shape, s, mesh);
  const split = counts.flatMap((c, i) => (c > 1 ? [i] : []));
  const rowDims = split.length >= 2 || (split.length === 1 && split[0] === 0 && type.dims.length > 1)
    ? [at(split, 0, 'split')]
    : [];
  const colDims = split.filter((d) => !rowDims.includes(d));
  const nRows = rowDims.reduce((p, d) => p * at(counts, d, 'counts'), 1);
  const nCols = colDims.reduce((p, d) => p * at(counts, d, 'counts'), 1);

  // Which devices hold each tile (several when replicated or unreduced over some axes).
  const holders = new Map<string, number[]>();
  for (const d of [...mesh.deviceIds].sort((a, b) => a - b)) {
    const key = tileIndex(s, mesh, d).join(',');
    holders.set(key, [...(holders.get(key) ?? []), d]);
  }
  const range = (dim: number, i: number): string => {
    const n = at(shape, dim, 'shape');
    const per = at(local, dim, 'local');
    return `${at(type.dims, dim, 'dims').name}[${Math.min(i * per, n)}:${Math.min((i + 1) * per, n)})`;
  };
  const indexOf = (dims: number[], flat: number): number[] => {
    const out: number[] = [];
    let rest = flat;
    for (let k = dims.length - 1; k >= 0; k--) {
      const count = at(counts, at(dims, k, 'split dims'), 'shard counts');
      out.unshift(rest % count);
      rest = Math.floor(rest / count);
    }
    return out;
  };
  const cell = (r: number, c: number): string[] => {
    const idx = counts.map(() => 0);
    indexOf(rowDims, r).forEach((v, k) => { idx[at(rowDims, k, 'rowDims')] = v; });
    indexOf(colDims, c).forEach((v, k) => { idx[at(colDims, k, 'colDims')] = v; });
    const devices = holders.get(idx.join(',')) ?? [];
    const lines = [deviceList(devices, maxDevices)];
    if (rowDims.length > 0) lines.push(rowDims.map((d) => range(d, at(idx, d, 'idx'))).join(' '));
    if (colDims.length > 0) lines.push(colDims.map((d) => range(d, at(idx, d, 'idx'))).join(' '));
    if (split.length === 0) lines.push(type.dims.length === 0 ? 'scalar' : 'whole');
    return lines;
  };

  const rowsShown = elide(nRows, maxTiles);
  let colsShown = elide(nCols, maxTiles);
  const cells = new Map<string, string[]>();
  for (const r of rowsShown) for (const c of colsShown) if (r >= 0 && c >= 0) cells.set(`${r},${c}`, cell(r, c));
  const natural = Math.max(3, ...[...cells.values()].flat().map((l) => l.length)) + 2;
  // Shrink to the width budget: first drop columns (down to two and the `…`), then truncate labels.
  while (colsShown.length > 3 && colsShown.length * (natural + 1) + 1 > width) {
    colsShown = elide(nCols, colsShown.length - 2);
  }
  const cellW = Math.max(5, Math.min(natural, Math.floor((width - 1) / colsShown.length) - 1));
  const lineCount = Math.max(...[...cells.values()].map((l) => l.length), 1);

  const out: string[] = [header(type, s, mesh, local, shape)];
  const widths = colsShown.map((c) => (c < 0 ? 3 : cellW));
  const rule = (l: string, m: string, r: string): string => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  out.push(rule('┌', '┬', '┐'));
  rowsShown.forEach((r, ri) => {
    for (let k = 0; k < lineCount; k++) {
      const parts = colsShown.map((c, ci) => {
        const w = at(widths, ci, 'widths');
        if (r < 0) return center(k === Math.floor(lineCount / 2) ? '⋮' : '', w);
        if (c < 0) return center(k === Math.floor(lineCount / 2) ? '…' : '', w);
        return center(fit(got(cells, `${r},${c}`, 'cells')[k] ?? '', w - 2), w);
      });
      out.push(`│${parts.join('│')}│`);
    }
    out.push(ri === rowsShown.length - 1 ? rule('└', '┴', '┘') : rule('├', '┼', '┤'));
  });
  return out.join('\n');
}

/** `f32[G@x, S, M] on m (8 devices): local [8, 15, 8], 3.8 KiB per device, 6.3% padding`. */
function header(type: TensorType, s: Sharding, mesh: Mesh, local: number[], shape: number[]): string {
  const bytes = local.reduce((p, n) => p * n, 1) * DTYPE_BYTES[type.dtype];
  const waste = paddingWaste(shape, s, mesh);
  return `${jaxTypeString(type, s)} on ${mesh.name} (${meshSize(mesh)} devices): local [${local.join(', ')}], ` +
    `${formatBytes(bytes)} per device${waste > 0 ? `, ${(waste * 100).toFixed(1)}% padding` : ''}`;
}

/** `0,1` or, past `max` ids, `0,16,…,240 (16)`. */
export function deviceList(devices: readonly number[], max = 4): string {
  if (devices.length <= max) return devices.join(',');
  return `${devices[0]},${devices[1]},…,${devices[devices.length - 1]} (${devices.length})`;
}

export { formatBytes };

/** Indices to draw out of n, at most `max` of them: the first max-2, a gap (-1), and the last. */
function elide(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: Math.max(1, max - 2) }, (_, i) => i), -1, n - 1];
}

function fit(text: string, w: number): string {
  return text.length <= w ? text : `${text.slice(0, Math.max(0, w - 1))}…`;
}

function center(text: string, w: number): string {
  const left = Math.floor((w - text.length) / 2);
  return ' '.repeat(Math.max(0, left)) + text + ' '.repeat(Math.max(0, w - text.length - left));
}
