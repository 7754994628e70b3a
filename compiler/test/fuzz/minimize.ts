// Delta debugging (ddmin) of a failing input: the smallest text, by lines then by characters,
// that still shows the same failure. Bounded by a number of checks so it always ends.

/** Removes chunks of `parts` while `fails(joined)` holds; returns the kept parts. */
interface Budget { left: number; readonly deadline: number }

const spent = (b: Budget) => b.left <= 0 || Date.now() > b.deadline;

async function ddmin(parts: string[], join: (p: string[]) => string, fails: (t: string) => Promise<boolean>, budget: Budget): Promise<string[]> {
  let n = 2;
  while (parts.length >= 2 && !spent(budget)) {
    const size = Math.ceil(parts.length / n);
    let reduced = false;
    for (let i = 0; i < parts.length && !spent(budget); i += size) {
      const candidate = [...parts.slice(0, i), ...parts.slice(i + size)];
      budget.left--;
      if (candidate.length > 0 && (await fails(join(candidate)))) {
        parts = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= parts.length) break;
      n = Math.min(parts.length, n * 2);
    }
  }
  return parts;
}

/** The smallest input found for which `fails` still holds, within `maxChecks` calls and `maxMs`. */
export async function minimize(text: string, fails: (t: string) => Promise<boolean>, maxChecks = 300, maxMs = 10000): Promise<string> {
  const budget = { left: maxChecks, deadline: Date.now() + maxMs };
  const lines = await ddmin(text.split(/(?<=\n)/), (p) => p.join(''), fails, budget);
  const chars = await ddmin([...lines.join('')], (p) => p.join(''), fails, budget);
  return chars.join('');
}
