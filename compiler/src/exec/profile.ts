// Owns the per-op-kind time profile of a run: kernel time by op kind, merged over devices, and --profile's table.

/** Kernel time and call count per op kind (a plain object so it crosses worker messages as is). */
export type OpProfile = Record<string, { ms: number; calls: number }>;

export function addToProfile(p: OpProfile, kind: string, ms: number): void {
  const row = p[kind] ?? (p[kind] = { ms: 0, calls: 0 });
  row.ms += ms;
  row.calls++;
}

/** The sum of several profiles (every device of a mesh run). */
export function mergeProfiles(ps: readonly OpProfile[]): OpProfile {
  const out: OpProfile = {};
  for (const p of ps) {
    for (const [k, v] of Object.entries(p)) {
      const row = out[k] ?? (out[k] = { ms: 0, calls: 0 });
      row.ms += v.ms;
      row.calls += v.calls;
    }
  }
  return out;
}

export interface ProfileRow {
  readonly kind: string; readonly ms: number; readonly calls: number; readonly share: number;
}

/** Rows by time, largest first; `share` is of the profile's total (extra rows such as collectives count in it). */
export function profileRows(p: OpProfile, extra: Readonly<Record<string, number>> = {}): ProfileRow[] {
  const rows = Object.entries(p).map(([kind, v]) => ({ kind, ms: v.ms, calls: v.calls }));
  for (const [kind, ms] of Object.entries(extra)) rows.push({ kind, ms, calls: 0 });
  const total = rows.reduce((s, r) => s + r.ms, 0);
  return rows.sort((a, b) => b.ms - a.ms).map((r) => ({ ...r, share: total > 0 ? r.ms / total : 0 }));
}

/** A text table: op kind, ms, share, calls; one per column set (mesh and reference side by side). */
export function profileTable(title: string, rows: readonly ProfileRow[]): string {
  const w = Math.max(7, ...rows.map((r) => r.kind.length));
  const header = `    ${'op kind'.padEnd(w)}  ${'ms'.padStart(9)}  ${'share'.padStart(6)}  ${'calls'.padStart(6)}`;
  const lines = [`  ${title}`, header];
  for (const r of rows) {
    const share = `${(100 * r.share).toFixed(1)}%`;
    lines.push(`    ${r.kind.padEnd(w)}  ${r.ms.toFixed(1).padStart(9)}  ${share.padStart(6)}  ` +
      `${(r.calls ? String(r.calls) : '').padStart(6)}`);
  }
  const total = rows.reduce((s, r) => s + r.ms, 0);
  lines.push(`    ${'total'.padEnd(w)}  ${total.toFixed(1).padStart(9)}`);
  return `${lines.join('\n')}\n`;
}
