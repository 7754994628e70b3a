// Writes MLIR generic-form op text: fresh SSA names, tensor types, properties, regions (reduce/sort bodies).

import type { DType } from '../ir/types.js';
import { at } from '../util/checked.js';

/** Element types as MLIR spells them; `i1` is our `bool`. */
export type ElemType = 'f32' | 'bf16' | 'i32' | 'i1';

/** A positional tensor type: the shape in the IR's dim order. */
export interface TType {
  readonly shape: readonly number[];
  readonly elem: ElemType;
}

/** An SSA value with its type; `name` includes the `%` (and `#k` for one result of many). */
export interface SSA {
  readonly name: string;
  readonly type: TType;
}

export function elemOf(d: DType): ElemType {
  return d === 'bool' ? 'i1' : d;
}

export function tensorText(t: TType): string {
  return t.shape.length === 0 ? `tensor<${t.elem}>` : `tensor<${t.shape.join('x')}x${t.elem}>`;
}

/** `array<i64: 1, 2>` (the DenseI64ArrayAttr spelling StableHLO uses for dims, permutations, slices). */
export function i64Array(xs: readonly number[]): string {
  return xs.length === 0 ? 'array<i64>' : `array<i64: ${xs.join(', ')}>`;
}

/**
 * An MLIR float literal that parses back to the same f32: MLIR needs a `.` before any exponent, and
 * infinities and NaN only have the hex (bit pattern) spelling.
 */
export function floatLiteral(v: number, elem: 'f32' | 'bf16'): string {
  if (Number.isNaN(v)) return elem === 'f32' ? '0x7FC00000' : '0x7FC0';
  if (v === Infinity) return elem === 'f32' ? '0x7F800000' : '0x7F80';
  if (v === -Infinity) return elem === 'f32' ? '0xFF800000' : '0xFF80';
  const s = Object.is(v, -0) ? '-0.0' : String(v);
  if (s.includes('e')) {
    const [m, e] = s.split('e') as [string, string];
    return `${m.includes('.') ? m : `${m}.0`}e${e}`;
  }
  return s.includes('.') ? s : `${s}.0`;
}

/** The literal for a splat of `v` in `elem`. */
export function scalarLiteral(v: number, elem: ElemType): string {
  if (elem === 'f32' || elem === 'bf16') return floatLiteral(v, elem);
  if (elem === 'i1') return v !== 0 ? 'true' : 'false';
  return String(Math.trunc(v));
}

/** One op in generic form: `%r = "dialect.op"(%a, %b) <{props}> {attrs} ({regions}) : (T, T) -> T`. */
export interface OpSpec {
  readonly op: string;
  readonly operands: readonly SSA[];
  readonly results: readonly TType[];
  /** Inherent attributes (the `<{...}>` properties), already printed: `dimensions = array<i64: 1>`. */
  readonly props?: readonly string[];
  /** Discardable attributes (`{...}`), e.g. `mhlo.sharding = "..."`. */
  readonly attrs?: readonly string[];
  /** Region bodies: each gets its own block with the given argument types. */
  readonly regions?: readonly {
    readonly args: readonly TType[];
    readonly body: (b: MlirBuilder, args: SSA[]) => SSA[];
  }[];
  /** A readable base for the result name (sanitised); otherwise a number. */
  readonly name?: string;
}

/**
 * Collects lines of a function body. Names are unique across the whole function, regions included,
 * because MLIR regions see the values of the enclosing ones (so shadowing would be an error).
 */
export class MlirBuilder {
  readonly lines: string[] = [];
  private counter = 0;
  private readonly used: Set<string>;

  constructor(private readonly indent: string, used?: Set<string>) {
    this.used = used ?? new Set();
  }

  /** A fresh SSA name (with `%`): the sanitised `base` when free, else `base_N`, or a number without a base. */
  fresh(base?: string): string {
    if (base !== undefined) {
      const clean = sanitizeSsaName(base);
      let name = clean;
      for (let k = 1; this.used.has(name); k++) name = `${clean}_${k}`;
      this.used.add(name);
      return `%${name}`;
    }
    let name: string;
    do name = String(this.counter++); while (this.used.has(name));
    this.used.add(name);
    return `%${name}`;
  }

  /** Reserves a name (function arguments), returning it with `%`. */
  reserve(base: string): string {
    return this.fresh(base);
  }

  /**
   * Renames a numbered temporary defined at or after line `start` to a fresh name from `base`:
   * lowerings build results step by step, and only the last step's value carries the IR name.
   */
  renameResult(start: number, old: string, base: string): string {
    const name = this.fresh(base);
    const re = new RegExp(`${old}(?![0-9A-Za-z_$.-])`, "g");
    for (let i = start; i < this.lines.length; i++) this.lines[i] = at(this.lines, i, 'this.lines').replace(re, name);
    return name;
  }

  comment(text: string): void {
    this.lines.push(`${this.indent}// ${text}`);
  }

  /** Emits one op; returns its results. */
  emit(spec: OpSpec): SSA[] {
    const n = spec.results.length;
    const base = n === 0 ? '' : this.fresh(spec.name);
    const results: SSA[] = spec.results.map((type, i) => ({ name: n === 1 ? base : `${base}#${i}`, type }));
    const lhs = n === 0 ? '' : n === 1 ? `${base} = ` : `${base}:${n} = `;
    let text = `${this.indent}${lhs}"${spec.op}"(${spec.operands.map((o) => o.name).join(', ')})`;
    if (spec.props && spec.props.length > 0) text += ` <{${spec.props.join(', ')}}>`;
    if (spec.attrs && spec.attrs.length > 0) text += ` {${spec.attrs.join(', ')}}`;
    const sig = ` : (${spec.operands.map((o) => tensorText(o.type)).join(', ')}) -> ${resultTypes(spec.results)}`;
    const regions = spec.regions ?? [];
    if (regions.length === 0) {
      this.lines.push(text + sig);
      return results;
    }
    // Generic region syntax: `({ ^bb0(...): ... }, { ... })` between the attributes and the type.
    regions.forEach((region, ri) => {
      const inner = new MlirBuilder(`${this.indent}  `, this.used);
      const args: SSA[] = region.args.map((type) => ({ name: inner.fresh(), type }));
      this.lines.push(ri === 0 ? `${text} ({` : `${this.indent}}, {`);
      this.lines.push(`${this.indent}^bb0(${args.map((a) => `${a.name}: ${tensorText(a.type)}`).join(', ')}):`);
      const out = region.body(inner, args);
      inner.emit({ op: 'stablehlo.return', operands: out, results: [] });
      this.lines.push(...inner.lines);
    });
    this.lines.push(`${this.indent}})${sig}`);
    return results;
  }

  /** Shorthand for a one-result op. */
  one(spec: Omit<OpSpec, 'results'> & { readonly result: TType }): SSA {
    return at(this.emit({ ...spec, results: [spec.result] }), 0, 'the one result');
  }
}

function resultTypes(ts: readonly TType[]): string {
  return ts.length === 1 ? tensorText(at(ts, 0, 'ts')) : `(${ts.map(tensorText).join(', ')})`;
}

/**
 * An MLIR suffix-id: letters, digits and `$._-`, not starting with a digit unless all digits.
 * IR names like `combine.gates` are already valid; anything else becomes `_`.
 */
export function sanitizeSsaName(name: string): string {
  let s = name.replace(/[^A-Za-z0-9$._-]/g, '_');
  if (s === '' || (/^[0-9]/.test(s) && !/^[0-9]+$/.test(s))) s = `v${s}`;
  // All-digit names are reserved for the numbered temporaries.
  if (/^[0-9]+$/.test(s)) s = `v${s}`;
  return s;
}
