// A grammar- and type-aware generator of valid .gshard programs: dims, meshes, layers, a model,
// annotations on the mesh's axes, ops whose operand types fit. Valid means the frontend reports no error.

import fc from 'fast-check';

/** The random choices the builder needs, backed by fast-check's `gen` so runs replay from a seed. */
export interface Rand {
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  bool(pTrue?: number): boolean;
}

export function randFromGen(g: fc.GeneratorValue): Rand {
  return {
    int: (min, max) => g(fc.integer, { min, max }),
    pick: (xs) => xs[g(fc.integer, { min: 0, max: xs.length - 1 })]!,
    bool: (p = 0.5) => g(fc.integer, { min: 0, max: 999 }) < p * 1000,
  };
}

interface DimDef { readonly name: string; readonly size: number }
interface Tensor { readonly name: string; readonly dtype: 'f32' | 'bf16' | 'i32'; readonly dims: readonly DimDef[] }
interface MeshDef { readonly name: string; readonly axes: readonly { name: string; size: number }[]; readonly iota: boolean }

const ONE_LETTER = ['G', 'S', 'M', 'H', 'E', 'C', 'B', 'D', 'K', 'L', 'N', 'Δ', 'Ж'];
const WORDS = ['batch', 'seq', 'hidden', 'heads', 'experts', 'vocab', 'ffn', 'groupe', 'длина', '序列'];
const AXES = ['x', 'y', 'z', 'data', 'model', 'expert', 'ось'];
const SIZES = [1, 2, 3, 4, 4, 5, 6, 8, 8, 12, 16];
const FLOAT_UNARY = ['relu', 'gelu', 'exp', 'tanh', 'neg'];
const BINARY_CALLS = ['add', 'sub', 'mul', 'div', 'max', 'lt', 'gt'];
const INFIX = ['+', '-', '*', '/'];
const LITERALS = ['0.5', '2', '1e-3', '3.25', '1'];
/** `@ split(0, n)`: GShard's split by dim index (regressions.test.ts 'split-by-index'). */
const NUMERIC_SPLIT = true;

/** Builds one program; the text is valid by construction (modulo compiler bugs, which is the point). */
export class ProgramBuilder {
  private readonly lines: string[] = [];
  private dims: DimDef[] = [];
  private mesh!: MeshDef;
  private counter = 0;
  private readonly multiLetter: boolean;

  constructor(private readonly r: Rand) {
    this.multiLetter = r.bool(0.2);
  }

  build(): string {
    const r = this.r;
    this.comment();
    this.genDims();
    this.genMeshes();
    const layers: { name: string; input: Tensor }[] = [];
    const nLayers = r.int(0, 2);
    for (let i = 0; i < nLayers; i++) layers.push(this.genLayer(`block${i}`));
    this.genModel(layers);
    const nl = r.bool(0.1) ? '\r\n' : '\n';
    return this.lines.join(nl) + (r.bool(0.8) ? nl : '');
  }

  private fresh(prefix = 't'): string {
    const pool = ['t', 'h', 'y', 'act', 'π', 'zwischen', 'x_'];
    return `${prefix === 't' ? this.r.pick(pool) : prefix}${this.counter++}`;
  }

  private comment(): void {
    if (this.r.bool(0.3)) this.lines.push(this.r.pick(['// generated', '/* a block\n   comment */', '// ünïcödé ✓ 🚀']));
  }

  // ---- declarations ----------------------------------------------------------------------------

  private genDims(): void {
    const r = this.r;
    const pool = this.multiLetter ? [...WORDS, ...ONE_LETTER] : ONE_LETTER;
    const n = r.int(2, 6);
    const names = new Set<string>();
    while (names.size < n) names.add(r.pick(pool));
    for (const name of names) {
      const size = r.pick(SIZES);
      const prior = this.dims.length > 0 && r.bool(0.3) ? r.pick(this.dims) : undefined;
      let expr = String(size);
      let actual = size;
      if (prior) {
        // An expression over an earlier dim, always exact.
        const k = r.int(1, 3);
        const form = r.int(0, 2);
        if (form === 0) [expr, actual] = [`${k} * ${prior.name}`, k * prior.size];
        else if (form === 1) [expr, actual] = [`(${prior.name} + ${k})`, prior.size + k];
        else [expr, actual] = [`${prior.name} * ${k} / ${k}`, prior.size];
      }
      this.dims.push({ name, size: actual });
      this.lines.push(`dim ${name} = ${expr}`);
    }
  }

  private genMeshes(): void {
    const r = this.r;
    const count = r.bool(0.15) ? 2 : 1;
    const meshes: MeshDef[] = [];
    for (let m = 0; m < count; m++) {
      const nAxes = r.int(1, 3);
      const axes: { name: string; size: number }[] = [];
      const used = new Set<string>();
      while (axes.length < nAxes) {
        const name = r.pick(AXES);
        if (used.has(name)) continue;
        used.add(name);
        axes.push({ name, size: r.pick([1, 2, 2, 3, 4]) });
      }
      const total = axes.reduce((p, a) => p * a.size, 1);
      const tpu = (total === 1 || total % 2 === 0) && r.bool(0.6);
      const permuted = total <= 16 && r.bool(0.2);
      let devices = '';
      if (permuted) {
        const ids = Array.from({ length: total }, (_, i) => i);
        for (let i = ids.length - 1; i > 0; i--) {
          const j = r.int(0, i);
          [ids[i], ids[j]] = [ids[j]!, ids[i]!];
        }
        devices = ` devices [${ids.join(', ')}]`;
      }
      const name = m === 0 ? r.pick(['pod', 'mesh0', 'tpu', 'm']) : 'other';
      this.lines.push(`mesh ${name} = ${tpu ? 'tpu_v3 ' : ''}[${axes.map((a) => `${a.name} = ${a.size}`).join(', ')}]${devices}`);
      meshes.push({ name, axes, iota: !permuted });
    }
    this.mesh = count === 2 && r.bool() ? meshes[1]! : meshes[0]!;
    if (this.mesh !== meshes[0]) this.onMesh = this.mesh.name;
    else if (r.bool(0.3)) this.onMesh = this.mesh.name;
  }

  private onMesh: string | undefined;

  // ---- types and annotations -------------------------------------------------------------------

  private randomDims(min: number, max: number): DimDef[] {
    const r = this.r;
    const n = r.int(min, Math.min(max, this.dims.length));
    const pool = [...this.dims];
    const out: DimDef[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(r.int(0, pool.length - 1), 1)[0]!);
    return out;
  }

  private typeText(t: Pick<Tensor, 'dtype' | 'dims'>): string {
    return `${t.dtype}[${t.dims.map((d) => d.name).join(', ')}]`;
  }

  /** A valid annotation for a tensor of these dims on the current mesh, or '' for none. */
  private annotation(dims: readonly DimDef[]): string {
    const r = this.r;
    if (!r.bool(0.6)) return '';
    const form = r.int(0, 9);
    if (form === 0) return ' @ replicate';
    if (form === 1 && dims.length > 0 && this.mesh.iota) {
      // GShard's split(dim, n): n must be a product of leading mesh axes.
      const counts = [1];
      for (const a of this.mesh.axes) counts.push(counts[counts.length - 1]! * a.size);
      const d = r.int(0, dims.length - 1);
      const which = NUMERIC_SPLIT && r.bool() ? String(d) : dims[d]!.name;
      return ` @ split(${which}, ${r.pick(counts)})`;
    }
    // Axis form: each mesh axis used at most once.
    const free = this.mesh.axes.map((a) => a.name);
    const take = (): string | undefined => (free.length === 0 ? undefined : free.splice(r.int(0, free.length - 1), 1)[0]);
    const specs = dims.map(() => {
      const k = r.int(0, 4);
      let s: string;
      if (k === 0) s = '_';
      else if (k === 1) s = '?';
      else if (k === 2 || k === 3) s = take() ?? '_';
      else {
        const a = take();
        const b = take();
        s = a && b ? `(${a}, ${b})` : a ?? '_';
      }
      if (s !== '_' && s !== '?' && r.bool(0.2)) s += '?';
      if (s !== '_' && r.bool(0.15)) s += ` p${r.int(0, 3)}`;
      return s;
    });
    let text = ` @ [${specs.join(', ')}]`;
    if (free.length > 0 && r.bool(0.2)) text += ` replicated(${take()})`;
    return text;
  }

  // ---- bodies ----------------------------------------------------------------------------------

  /** Emits statements that compute new tensors from `scope`; returns the grown scope. */
  private genStatements(scope: Tensor[], out: string[], count: number): void {
    for (let i = 0; i < count; i++) {
      const stmt = this.genStatement(scope);
      if (stmt) out.push(`  ${stmt}`);
    }
  }

  private floats(scope: readonly Tensor[]): Tensor[] {
    return scope.filter((t) => t.dtype !== 'i32');
  }

  private genStatement(scope: Tensor[]): string | undefined {
    const r = this.r;
    const floats = this.floats(scope);
    if (floats.length === 0) return undefined;
    const x = r.pick(floats);
    const name = this.fresh();
    const bind = (t: Tensor, expr: string) => {
      scope.push(t);
      return `${t.name} = ${expr}${this.annotation(t.dims)}`;
    };
    const like = (dims: readonly DimDef[], dtype: Tensor['dtype'] = x.dtype): Tensor => ({ name, dtype, dims });
    const dimOf = (t: Tensor) => r.pick(t.dims);
    const choice = r.int(0, 16);
    switch (choice) {
      case 0:
        return bind(like(x.dims), `${r.pick(FLOAT_UNARY)}(${x.name})`);
      case 1: {
        // Infix with a broadcastable partner (same dims or a subset, same dtype) or a literal.
        const partners = floats.filter((t) => t.dtype === x.dtype && t.dims.every((d) => x.dims.some((e) => e.name === d.name)));
        const partner = r.bool(0.3) ? undefined : r.pick(partners);
        const y = partner?.name ?? r.pick(LITERALS);
        const swap = r.bool(0.2);
        const [a, b] = swap ? [y, x.name] : [x.name, y];
        // Named broadcasting keeps the left operand's dim order when both have the same dims.
        const dims = swap && partner && partner.dims.length === x.dims.length ? partner.dims : x.dims;
        return bind(like(dims), r.bool(0.2) ? `-(${a} ${r.pick(INFIX)} ${b})` : `${a} ${r.pick(INFIX)} ${b}`);
      }
      case 2: {
        const partners = floats.filter((t) => t.dtype === x.dtype && t.dims.every((d) => x.dims.some((e) => e.name === d.name)));
        // A literal argument of a call is always an f32 constant (unlike infix, where it takes the
        // other operand's dtype), so bf16 tensors get tensor partners only.
        const y = x.dtype === 'f32' && r.bool(0.2) ? r.pick(LITERALS) : r.pick(partners).name;
        const op = r.pick(BINARY_CALLS);
        // comparisons give bool: cast to an f32 mask, as a model multiplying by one writes it
        if (op === 'lt' || op === 'gt') return bind(like(x.dims, 'f32'), `cast(${op}(${x.name}, ${y}), f32)`);
        return bind(like(x.dims, x.dtype), `${op}(${x.name}, ${y})`);
      }
      case 3:
        if (x.dims.length === 0) return undefined;
        return bind(like(x.dims), `${r.pick(['softmax', 'log_softmax', 'cumsum'])}(${x.name}, ${dimOf(x).name})`);
      case 4: {
        if (x.dims.length === 0) return undefined;
        const ds = x.dims.filter(() => r.bool());
        if (ds.length === 0) ds.push(dimOf(x));
        const arg = ds.length === 1 && r.bool() ? ds[0]!.name : `[${ds.map((d) => d.name).join(', ')}]`;
        return bind(like(x.dims.filter((d) => !ds.includes(d))), `${r.pick(['reduce_sum', 'reduce_mean', 'reduce_max'])}(${x.name}, ${arg})`);
      }
      case 5: {
        const perm = [...x.dims];
        for (let i = perm.length - 1; i > 0; i--) {
          const j = r.int(0, i);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
        return bind(like(perm), `transpose(${x.name}, [${perm.map((d) => d.name).join(', ')}])`);
      }
      case 6:
        if (x.dims.length === 0) return undefined;
        return bind(like(x.dims), `layer_norm(${x.name}, ${dimOf(x).name})`);
      case 7:
      case 8:
        return this.genEinsum(scope, x, name, bind);
      case 9: {
        // rename a dim to an unused dim of the same size.
        for (const d of x.dims) {
          const to = this.dims.find((e) => e.size === d.size && e.name !== d.name && !x.dims.some((f) => f.name === e.name));
          if (to) return bind(like(x.dims.map((e) => (e === d ? to : e))), `rename(${x.name}, ${d.name}, ${to.name})`);
        }
        return undefined;
      }
      case 10: {
        // reshape: merge two dims into a declared dim of their product size, or split one.
        const total = x.dims.reduce((p, d) => p * d.size, 1);
        for (let attempt = 0; attempt < 8; attempt++) {
          const target = this.randomDims(0, 3);
          if (target.reduce((p, d) => p * d.size, 1) === total) {
            return bind(like(target), `reshape(${x.name}, [${target.map((d) => d.name).join(', ')}])`);
          }
        }
        return undefined;
      }
      case 11:
        return bind(like(x.dims, x.dtype === 'f32' ? 'bf16' : 'f32'), `cast(${x.name}, ${x.dtype === 'f32' ? 'bf16' : 'f32'})`);
      case 12: {
        if (x.dims.length === 0) return undefined;
        const d = dimOf(x);
        const ids = `${name}_ids`;
        scope.push({ name: ids, dtype: 'i32', dims: x.dims.filter((e) => e !== d) });
        const idsT = scope[scope.length - 1]!;
        const back = this.dims.find((e) => !idsT.dims.some((f) => f.name === e.name));
        if (!back) return `${ids} = argmax(${x.name}, ${d.name})`;
        return `${ids} = argmax(${x.name}, ${d.name})\n  ${bind({ name, dtype: 'f32', dims: [...idsT.dims, back] }, `one_hot(${ids}, ${back.name})`)}`;
      }
      case 13: {
        // top_k along d into an unused dim K of size <= d.
        if (x.dims.length === 0) return undefined;
        const d = dimOf(x);
        const k = this.dims.find((e) => e.size <= d.size && !x.dims.some((f) => f.name === e.name));
        if (!k) return undefined;
        const dims = x.dims.map((e) => (e === d ? k : e));
        scope.push({ name: `${name}_idx`, dtype: 'i32', dims });
        return bind(like(dims), `top_k(${x.name}, ${d.name}, ${k.name})`).replace(`${name} =`, `${name}, ${name}_idx =`);
      }
      case 14: {
        // gather rows of a table by i32 ids (whose dims do not clash with the table's rest).
        const ids = scope.filter((t) => t.dtype === 'i32');
        if (ids.length === 0 || x.dims.length === 0) return undefined;
        const id = r.pick(ids);
        const rest = x.dims.slice(1);
        if (rest.some((d) => id.dims.some((e) => e.name === d.name))) return undefined;
        return bind(like([...id.dims, ...rest]), `gather(${x.name}, ${id.name})`);
      }
      case 15: {
        // GShard top-2 gating over logits [G, S, E] with capacity dim C.
        const logits = floats.find((t) => t.dims.length === 3 && t.dtype === 'f32');
        if (!logits) return undefined;
        const [g, s, e] = logits.dims as [DimDef, DimDef, DimDef];
        const c = this.dims.find((d) => ![g, s, e].includes(d));
        if (!c) return undefined;
        const noise = floats.find((t) => t.dtype === 'f32' && t.dims.length === 2 && t.dims[0] === g && t.dims[1] === s);
        const policy = noise && r.bool() ? `, policy = "random", noise = ${noise.name}` : r.bool(0.3) ? ', policy = "all"' : '';
        const combine: Tensor = { name: `${name}_combine`, dtype: 'f32', dims: [g, s, e, c] };
        const dispatch: Tensor = { name: `${name}_dispatch`, dtype: 'f32', dims: [g, s, e, c] };
        const aux: Tensor = { name: `${name}_aux`, dtype: 'f32', dims: [] };
        scope.push(combine, dispatch, aux);
        return `${combine.name}, ${dispatch.name}, ${aux.name} = top2_gating(${logits.name}, ${e.name}, ${c.name}${policy})${this.annotation(combine.dims)}`;
      }
      default:
        // `(x)` is x itself: an annotation here would annotate x a second time.
        scope.push(like(x.dims));
        return `${name} = (${x.name})`;
    }
  }

  private genEinsum(scope: Tensor[], x: Tensor, name: string, bind: (t: Tensor, expr: string) => string): string | undefined {
    const r = this.r;
    const partners = this.floats(scope).filter((t) => t.dtype === x.dtype);
    const y = r.bool(0.8) ? r.pick(partners) : undefined;
    const all = [...x.dims];
    for (const d of y?.dims ?? []) if (!all.some((e) => e.name === d.name)) all.push(d);
    const out = all.filter(() => r.bool(0.6));
    for (let i = out.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    const oneLetter = [...all].every((d) => [...d.name].length === 1);
    // A term without spaces is read letter by letter, so a term of one multi-letter dim ("seq")
    // cannot be written at all: the spec language has no form for it.
    const terms = [x.dims, y?.dims ?? [], out];
    if (!oneLetter && terms.some((t) => t.length === 1 && [...t[0]!.name].length > 1)) return undefined;
    const sep = oneLetter && r.bool(0.8) ? '' : ' ';
    const term = (ds: readonly DimDef[]) => ds.map((d) => d.name).join(sep);
    const spec = `${term(x.dims)}${y ? `${sep ? ', ' : ','}${term(y.dims)}` : ''}${sep ? ' -> ' : '->'}${term(out)}`;
    return bind({ name, dtype: x.dtype, dims: out }, `einsum("${spec}", ${x.name}${y ? `, ${y.name}` : ''})`);
  }

  private genParams(scope: Tensor[], out: string[], dtype: Tensor['dtype']): void {
    const n = this.r.int(0, 2);
    for (let i = 0; i < n; i++) {
      const t: Tensor = { name: this.fresh('w'), dtype, dims: this.randomDims(1, 3) };
      scope.push(t);
      out.push(`  param ${t.name}: ${this.typeText(t)}${this.annotation(t.dims)}`);
    }
  }

  /** A layer whose result type equals its first input's, so it can be repeated. */
  private genLayer(name: string): { name: string; input: Tensor } {
    const r = this.r;
    const dtype = r.bool(0.85) ? 'f32' : 'bf16';
    const input: Tensor = { name: this.fresh('inp'), dtype, dims: this.randomDims(1, 4) };
    const scope: Tensor[] = [input];
    const body: string[] = [];
    this.genParams(scope, body, dtype);
    this.genStatements(scope, body, r.int(0, 5));
    const same = scope.filter((t) => t.dtype === input.dtype && t.dims.map((d) => d.name).join() === input.dims.map((d) => d.name).join());
    body.push(`  return ${r.pick(same).name}`);
    // No annotation on the input: it annotates the caller's value, which may carry another one.
    this.lines.push(`layer ${name}(${input.name}: ${this.typeText(input)}) -> ${this.typeText(input)} {`, ...body, '}');
    return { name, input };
  }

  private genModel(layers: readonly { name: string; input: Tensor }[]): void {
    const r = this.r;
    const scope: Tensor[] = [];
    const inputs: string[] = [];
    const dtype = r.bool(0.85) ? 'f32' : 'bf16';
    // Inputs: one per layer signature (so calls type-check), plus random ones.
    for (const l of layers) {
      if (r.bool(0.3) && scope.some((t) => this.typeText(t) === this.typeText(l.input))) continue;
      const t: Tensor = { name: this.fresh('in'), dtype: l.input.dtype, dims: l.input.dims };
      scope.push(t);
    }
    for (let i = r.int(layers.length === 0 ? 1 : 0, 2); i > 0; i--) scope.push({ name: this.fresh('in'), dtype, dims: this.randomDims(0, 4) });
    for (const t of scope) inputs.push(`${t.name}: ${this.typeText(t)}${this.annotation(t.dims)}`);
    const body: string[] = [];
    this.genParams(scope, body, dtype);
    for (const l of layers) {
      const arg = scope.find((t) => this.typeText(t) === this.typeText(l.input));
      if (!arg) continue;
      const name = this.fresh('y');
      const count = r.pick(['1', '2', '3', '(1 + 1)', this.dims.find((d) => d.size <= 3)?.name ?? '2']);
      const call = r.bool() ? `repeat ${count} ${l.name}(${arg.name})` : `${l.name}(${arg.name})`;
      // No annotation: a layer may return its input, so the result can alias an annotated value.
      body.push(`  ${name} = ${call}`);
      scope.push({ ...arg, name });
    }
    this.genStatements(scope, body, r.int(1, 8));
    const floats = this.floats(scope);
    const results = [r.pick(floats)];
    if (r.bool(0.3)) results.push(r.pick(floats));
    body.push(`  return ${results.map((t) => t.name).join(', ')}`);
    const declared = r.bool(0.7)
      ? ` -> ${results.length === 1 && r.bool() ? this.typeText(results[0]!) : `(${results.map((t) => this.typeText(t)).join(', ')})`}`
      : '';
    this.comment();
    this.lines.push(`model ${r.pick(['main', 'moe', 'transformer', 'модель'])}(${inputs.join(', ')})${declared}${this.onMesh ? ` on ${this.onMesh}` : ''} {`, ...body, '}');
  }
}

/** Valid programs, as text. */
export const validProgram: fc.Arbitrary<string> = fc.gen().map((g) => new ProgramBuilder(randFromGen(g)).build());
