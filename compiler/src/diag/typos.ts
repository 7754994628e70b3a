// Did-you-mean: the closest known name to a misspelt one (esbuild's TypoDetector idea).

import type { DiagnosticExtra, Span } from '@gshard/grammar';

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment), so
 * `modle` is one edit from `model`; case-insensitive, with an early exit once it passes `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    before = prev;
    prev = cur;
  }
  return prev[y.length]!;
}

/** The closest candidate within a third of the name's length (at least 1 edit), if any. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c, limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** " Did you mean 'x'?" or "" — appended to messages. */
export function suggestionSuffix(name: string, candidates: Iterable<string>): string {
  const s = didYouMean(name, candidates);
  return s === undefined ? '' : ` Did you mean '${s}'?`;
}

/**
 * An unknown name's message suffix (" Did you mean 'x'?" or "") and the diagnostic's structured
 * fields: the name, and the replacement as a fix when one is close and `span` is the written name.
 */
export function unknownName(
  name: string,
  candidates: Iterable<string>,
  span?: Span,
): { suffix: string; extra: DiagnosticExtra } {
  const s = didYouMean(name, candidates);
  if (s === undefined) return { suffix: '', extra: { name } };
  const fix = span ? { title: `Replace with '${s}'`, edits: [{ span, newText: s }] } : undefined;
  return { suffix: ` Did you mean '${s}'?`, extra: fix ? { name, fix } : { name } };
}
