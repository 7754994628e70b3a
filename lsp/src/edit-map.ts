// Offsets across edits: each edit as the one range it replaced, and the mapping of an offset back to
// an older text (where hover finds its answer) and forward again (where the answer's range lies now).

/** One edit: `[from, to)` of the text before was replaced by `inserted` characters. */
export interface Edit {
  readonly from: number;
  readonly to: number;
  readonly inserted: number;
}

/** The edit that turns `before` into `after`: the span between their common prefix and common suffix. */
export function editBetween(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix; // the suffix may not overlap the prefix in either text
  const same = (k: number) => before.charCodeAt(before.length - 1 - k) === after.charCodeAt(after.length - 1 - k);
  while (suffix < room && same(suffix)) suffix++;
  return { from: prefix, to: before.length - suffix, inserted: after.length - suffix - prefix };
}

/**
 * An offset of the newest text as an offset of the text before all `edits` (oldest first), or
 * undefined when it lies in text one of them inserted (the older text has nothing there).
 */
export function mapBack(edits: readonly Edit[], offset: number): number | undefined {
  let p = offset;
  for (let i = edits.length - 1; i >= 0; i--) {
    const e = edits[i];
    if (!e || p < e.from) continue;
    const end = e.from + e.inserted;
    if (p >= end) p = p - e.inserted + (e.to - e.from);
    else if (p === e.from) continue; // the edge of an insertion: the old text's same point
    else return undefined;
  }
  return p;
}

/** An offset of the text before all `edits` as an offset of the newest, or undefined when an edit replaced it. */
export function mapForward(edits: readonly Edit[], offset: number): number | undefined {
  let p = offset;
  for (const e of edits) {
    if (p <= e.from) continue;
    if (p >= e.to) p = p + e.inserted - (e.to - e.from);
    else return undefined;
  }
  return p;
}
