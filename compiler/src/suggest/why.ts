// Why one plan beats another: the annotations where they differ and the collectives and compute that change,
// as concrete per-step deltas ("removes 4 all_gather at line 44 per step: -3.10 ms").

import type { Evaluation } from './evaluate.js';

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return 'n/a';
  const a = Math.abs(s);
  if (a >= 1) return `${s.toFixed(3)} s`;
  if (a >= 1e-3) return `${(s * 1e3).toFixed(2)} ms`;
  return `${(s * 1e6).toFixed(2)} us`;
}

interface Group { kind: string; line: number; count: number; seconds: number }

function groups(e: Evaluation): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const c of e.collectives) {
    const key = `${c.kind}@${c.line}`;
    const g = out.get(key) ?? { kind: c.kind, line: c.line, count: 0, seconds: 0 };
    g.count++;
    g.seconds += c.seconds;
    out.set(key, g);
  }
  return out;
}

/** The sites whose annotation differs: `moe_ffn.wi [x, _, _] instead of [_, _, x]`. */
export function planDifference(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => a.get(k) !== b.get(k))
    .map((k) => `${k} ${a.get(k) ?? 'none'} instead of ${b.get(k) ?? 'none'}`);
}

/** The per-step deltas of `a` against `b`, largest first (at most `limit`), each a sentence. */
export function evaluationDeltas(a: Evaluation, b: Evaluation, limit = 3): string[] {
  const ga = groups(a);
  const gb = groups(b);
  const lines: { text: string; seconds: number }[] = [];
  for (const key of new Set([...ga.keys(), ...gb.keys()])) {
    const x = ga.get(key);
    const y = gb.get(key);
    const dCount = (x?.count ?? 0) - (y?.count ?? 0);
    const dSeconds = (x?.seconds ?? 0) - (y?.seconds ?? 0);
    if (dCount === 0 && Math.abs(dSeconds) < 1e-12) continue;
    const g = x ?? y;
    if (!g) continue;
    const verb = dCount < 0 ? `removes ${-dCount}` : dCount > 0 ? `adds ${dCount}` : 'changes the size of';
    const sign = dSeconds <= 0 ? '-' : '+';
    lines.push({
      text: `${verb} ${g.kind} at line ${g.line} per step: ${sign}${formatSeconds(Math.abs(dSeconds))}`,
      seconds: dSeconds,
    });
  }
  const dCompute = a.computeSeconds - b.computeSeconds;
  if (Math.abs(dCompute) > 1e-12) {
    lines.push({
      text: `compute per step: ${dCompute <= 0 ? '-' : '+'}${formatSeconds(Math.abs(dCompute))}`, seconds: dCompute,
    });
  }
  return lines.sort((p, q) => Math.abs(q.seconds) - Math.abs(p.seconds)).slice(0, limit).map((l) => l.text);
}
