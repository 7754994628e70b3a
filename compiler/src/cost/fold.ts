// Folds the per-layer rows of a cost report: instances of a repeated layer with the same numbers
// become one row `pair[0-17].attention[0] ×18`, so `repeat 18` is 4 rows, not 72.

export interface LayerRow<T> {
  /** The instance path (`pair[3].attention[0]`) or another label. */
  readonly name: string;
  /** What must be equal for two rows to fold (the printed numbers). */
  readonly key: string;
  readonly item: T;
}

export interface FoldedRow<T> {
  /** `pair[0-17].attention[0]` for a fold, else the row's own name. */
  readonly name: string;
  readonly count: number;
  /** The first row of the fold. */
  readonly item: T;
}

const FIRST_INDEX = /\[(\d+)\]/;

/** `0-3,5,7-9` from sorted distinct numbers. */
export function ranges(ns: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ns.length; i++) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    parts.push(i === j ? `${ns[i]}` : `${ns[i]}-${ns[j]}`);
    i = j;
  }
  return parts.join(',');
}

/**
 * Rows whose names differ only in their first index (the outermost repeated instance) and whose
 * numbers are equal fold into one, placed where the first of them was.
 */
export function foldRows<T>(rows: readonly LayerRow<T>[]): FoldedRow<T>[] {
  const groups = new Map<string, { rows: LayerRow<T>[]; indices: number[] }>();
  const order: string[] = [];
  for (const row of rows) {
    const m = FIRST_INDEX.exec(row.name);
    const id = m ? `${row.name.replace(FIRST_INDEX, '[*]')}\u0000${row.key}` : `\u0001${order.length}`;
    let g = groups.get(id);
    if (!g) {
      groups.set(id, (g = { rows: [], indices: [] }));
      order.push(id);
    }
    g.rows.push(row);
    if (m) g.indices.push(Number(m[1]));
  }
  return order.map((id) => {
    const g = groups.get(id)!;
    const first = g.rows[0]!;
    if (g.rows.length === 1) return { name: first.name, count: 1, item: first.item };
    return { name: first.name.replace(FIRST_INDEX, `[${ranges(g.indices)}]`), count: g.rows.length, item: first.item };
  });
}
