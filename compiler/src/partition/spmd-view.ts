// `--emit spmd` and `explain`: the per-device program and its collectives, for people and as JSON.

import type { Module, Op } from '../ir/module.js';
import { DTYPE_BYTES } from '../ir/types.js';
import { replicaGroups } from '../ir/mesh.js';
import { collectivesOf } from './partition.js';
import { isPairwise } from '../ops/registry.js';
import { formatBytes } from '../diag/format.js';
import { instancePathOf, userName } from '../ir/user-names.js';
import { at } from '../util/checked.js';

/** Bytes of the local buffer each device contributes to a collective. */
export function bytesPerDevice(op: Op): number {
  const t = at(op.operands, 0, 'op.operands').type;
  return t.dims.reduce((n, d) => n * d.size, 1) * DTYPE_BYTES[t.dtype];
}

export interface CollectiveInfo {
  kind: string; axes: string[]; bytesPerDevice: number; from: string; to: string;
  line: number; col: number; reason: string; groups: number[][];
  /** The layer instance it belongs to, as a user types it (`pair[0].moe_ffn`); absent at top level. */
  instance?: string;
}

export function collectiveInfo(m: Module, op: Op): CollectiveInfo {
  const axes = Array.isArray(op.attrs['axes']) ? (op.attrs['axes'] as string[]) : [];
  const groups = isPairwise(op.kind) ? [] : replicaGroups(m.mesh, axes);
  const instance = instancePathOf(m, op);
  const dimText = (axes: readonly string[]) =>
    (axes.length === 0 ? '_' : axes.length === 1 ? axes[0] : `(${axes.join(', ')})`);
  const text = (s: Module['inputs'][number]['sharding']) => {
    if (!s) return '?';
    const unreduced = s.unreduced.length ? ` unreduced(${s.unreduced.join(', ')})` : '';
    return `[${s.dims.map((d) => dimText(d.axes)).join(', ')}]${unreduced}`;
  };
  return {
    kind: op.kind, axes, bytesPerDevice: bytesPerDevice(op),
    from: text(at(op.operands, 0, 'op.operands').sharding), to: text(at(op.results, 0, 'op.results').sharding),
    line: op.span.start.line, col: op.span.start.col, reason: userNamesIn(m, op.reason ?? ''), groups,
    ...(instance ? { instance } : {}),
  };
}

/** The IR value names in a partitioner's reason, as a user types them. */
function userNamesIn(m: Module, text: string): string {
  if (!m.instances?.length) return text;
  return text.replace(/[A-Za-z_][\w]*(\.[\w]+)+/g, (name) => userName(m, name));
}

export function collectivesJson(m: Module): CollectiveInfo[] {
  return collectivesOf(m).map((op) => collectiveInfo(m, op));
}

/** Replica groups as XLA prints them, abbreviated when long: `{{0,1},{2,3}}`. */
export function groupsText(groups: number[][]): string {
  const shown = groups.slice(0, 4).map((g) =>
    `{${g.length > 8 ? `${g.slice(0, 6).join(',')},…(${g.length})` : g.join(',')}}`);
  return `{${shown.join(',')}${groups.length > 4 ? `,…(${groups.length} groups)` : ''}}`;
}

export { formatBytes };

export function explainText(file: string, m: Module): string {
  const cs = collectivesJson(m);
  if (cs.length === 0) return `${file}: no collectives: every op runs on its local shards without communication.\n`;
  const lines = [`${file}: ${cs.length} collective${cs.length === 1 ? '' : 's'} on mesh ${m.mesh.name} ` +
    `(${m.mesh.axes.map((a) => `${a.name}=${a.size}`).join(', ')})`];
  cs.forEach((c, i) => {
    lines.push('');
    lines.push(`${i + 1}. ${c.kind} over ` +
      `${c.axes.length ? c.axes.join(', ') : 'explicit pairs'}${c.instance ? ` in ${c.instance}` : ''} at ` +
      `${file}:${c.line}:${c.col}`);
    lines.push(`   ${c.from} -> ${c.to}, ${formatBytes(c.bytesPerDevice)} per ` +
      `device${c.groups.length ? `, groups ${groupsText(c.groups)}` : ''}`);
    lines.push(`   why: ${c.reason}`);
  });
  return `${lines.join('\n')}\n`;
}
