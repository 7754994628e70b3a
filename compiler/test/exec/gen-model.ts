// A generator of small .gshard models for equivalence tests: random meshes, dims that often do not divide, random shardings, einsums, elementwise chains, reductions, softmax.
import fc from 'fast-check';

interface T { readonly name: string; readonly dims: readonly string[] }

const UNARY = ['relu', 'tanh', 'neg', 'gelu'];
const BINARY = ['add', 'sub', 'mul', 'max'];
const REDUCE = ['reduce_sum', 'reduce_max', 'reduce_mean'];

/** One model's source text from fast-check's `gen` (so failures replay and shrink from the printed seed). */
export function genModel(g: fc.GeneratorValue): string {
  const int = (min: number, max: number) => g(fc.integer, { min, max });
  const pick = <X>(xs: readonly X[]): X => xs[int(0, xs.length - 1)]!;
  const subset = <X>(xs: readonly X[], min = 0): X[] => {
    const out = xs.filter(() => int(0, 1) === 1);
    while (out.length < min) { const x = pick(xs.filter((y) => !out.includes(y))); out.push(x); }
    return xs.filter((x) => out.includes(x)); // keep source order, then maybe permute below
  };
  const shuffle = <X>(xs: X[]): X[] => {
    for (let i = xs.length - 1; i > 0; i--) { const j = int(0, i); [xs[i], xs[j]] = [xs[j]!, xs[i]!]; }
    return xs;
  };

  const axes = int(1, 2) === 1 ? [{ n: 'a', s: int(1, 4) }] : [{ n: 'a', s: int(1, 3) }, { n: 'b', s: int(2, 3) }];
  const dimNames = ['P', 'Q', 'R', 'S', 'U'].slice(0, int(3, 5));
  const sizes = new Map(dimNames.map((d) => [d, int(1, 7)]));
  const lines: string[] = [`mesh m = [${axes.map((a) => `${a.n} = ${a.s}`).join(', ')}]`, ...dimNames.map((d) => `dim ${d} = ${sizes.get(d)}`)];

  /** `@ [a, _, (a, b)]`-style annotation: each axis at most once per tensor. */
  const sharding = (dims: readonly string[]): string => {
    const free = shuffle(axes.map((a) => a.n));
    const parts = dims.map(() => {
      const k = free.length ? int(0, Math.min(2, free.length)) : 0;
      const used = free.splice(0, k);
      return used.length === 0 ? '_' : used.length === 1 ? used[0]! : `(${used.join(', ')})`;
    });
    return `@ [${parts.join(', ')}]`;
  };
  const type = (dims: readonly string[]) => `f32[${dims.join(', ')}]`;

  const pool: T[] = [];
  const args: string[] = [];
  const params: string[] = [];
  const nInputs = int(1, 2);
  for (let i = 0; i < nInputs; i++) {
    const dims = shuffle(subset(dimNames, 1)).slice(0, 3);
    pool.push({ name: `x${i}`, dims });
    args.push(`x${i}: ${type(dims)} ${sharding(dims)}`);
  }
  for (let i = 0; i < int(0, 2); i++) {
    const dims = shuffle(subset(dimNames, 1)).slice(0, 3);
    pool.push({ name: `w${i}`, dims });
    params.push(`  param w${i}: ${type(dims)} ${int(0, 2) === 0 ? '@ replicate' : sharding(dims)}`);
  }
  const body: string[] = [];
  const steps = int(2, 6);
  for (let i = 0; i < steps; i++) {
    const name = `t${i}`;
    const kind = int(0, 9);
    let dims: string[];
    let expr: string;
    if (kind <= 3) {
      const [l, r] = [pick(pool), pick(pool)];
      const all = [...new Set([...l.dims, ...r.dims])];
      dims = shuffle(subset(all)).slice(0, 3);
      if (l === r) expr = `einsum("${l.dims.join('')}->${dims.join('')}", ${l.name})`;
      else expr = `einsum("${l.dims.join('')},${r.dims.join('')}->${dims.join('')}", ${l.name}, ${r.name})`;
    } else if (kind <= 5) {
      const big = pick(pool);
      const nested = pool.filter((t) => t.dims.every((d) => big.dims.includes(d)));
      const small = pick(nested);
      const [first, second] = int(0, 1) ? [big, small] : [small, big];
      // named broadcasting: the dims (and order) of the operand covering the other; the first when both cover
      dims = [...(second.dims.every((d) => first.dims.includes(d)) ? first.dims : second.dims)];
      expr = `${pick(BINARY)}(${first.name}, ${second.name})`;
    } else if (kind <= 6) {
      const x = pick(pool);
      dims = [...x.dims];
      expr = `${pick(UNARY)}(${x.name})`;
    } else if (kind <= 8) {
      const x = pick(pool.filter((t) => t.dims.length > 0).length ? pool.filter((t) => t.dims.length > 0) : pool);
      if (x.dims.length === 0) { dims = []; expr = `neg(${x.name})`; } else {
        const over = subset(x.dims, 1);
        dims = x.dims.filter((d) => !over.includes(d));
        expr = `${pick(REDUCE)}(${x.name}, [${over.join(', ')}])`;
      }
    } else {
      const x = pick(pool.filter((t) => t.dims.length > 0).length ? pool.filter((t) => t.dims.length > 0) : pool);
      dims = [...x.dims];
      expr = x.dims.length ? `softmax(${x.name}, ${pick(x.dims)})` : `tanh(${x.name})`;
    }
    const annotate = dims.length > 0 && int(0, 2) === 0 ? ` ${sharding(dims)}` : '';
    body.push(`  ${name} = ${expr}${annotate}`);
    pool.push({ name, dims });
  }
  const outs = pool.slice(-int(1, 2));
  lines.push(`model gen(${args.join(', ')}) -> (${outs.map((t) => type(t.dims)).join(', ')}) on m {`, ...params, ...body, `  return ${outs.map((t) => t.name).join(', ')}`, '}');
  return `${lines.join('\n')}\n`;
}
