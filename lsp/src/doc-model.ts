// Queries over one analysis: which symbol is under the cursor, its definition and uses, the IR
// values a source name stands for (with the shardings the slow stages found), and the collectives
// inserted for a source op. Built lazily, cached per analysis. Shardings are merged one value at a
// time as features ask for them, instead of copying the whole module per result.

import type { Analysis, Module, SymbolDef, SymbolRef, Value } from '@gshard/compiler';
import { allValues } from '@gshard/compiler';
import type { Ident, Span } from '@gshard/grammar';
import { walk } from './ast-walk.js';
import { sameSpan, spanLength, touches, within } from './convert.js';
import type { CollectiveInfo, EnrichmentView } from './enrichment-view.js';

export interface SymbolHit {
  readonly def: SymbolDef;
  /** The identifier under the cursor (a use or the definition itself). */
  readonly span: Span;
}

export class DocModel {
  readonly refs: readonly SymbolRef[];
  readonly defs: readonly SymbolDef[];
  /** The checked global IR (its values carry annotations only; see `sharded`). */
  readonly module: Module | undefined;
  /** True once the partitioner ran for this text (collectives below are then complete). */
  readonly partitioned: boolean;
  private readonly valuesByName = new Map<string, Value>();
  private readonly shardedByName = new Map<string, Value>();
  private readonly instancesByOffset = new Map<number, string[]>();

  constructor(readonly analysis: Analysis, readonly enrichment?: EnrichmentView) {
    const symbols = analysis.front.lowered.symbols;
    this.defs = symbols.definitions;
    this.module = analysis.front.module;
    this.partitioned = enrichment?.partitioned ?? false;
    this.refs = [...symbols.references, ...axisReferences(analysis, this.defs, this.module)];
    if (this.module) for (const v of allValues(this.module)) this.valuesByName.set(v.name, v);
    for (const inst of symbols.instances) {
      const list = this.instancesByOffset.get(inst.span.start.offset) ?? [];
      list.push(inst.valueName);
      this.instancesByOffset.set(inst.span.start.offset, list);
    }
  }

  get collectives(): readonly CollectiveInfo[] {
    return this.enrichment?.collectives ?? [];
  }

  /**
   * `v` with the sharding propagation gave it (a copy; `v` itself is never changed). Its origin is
   * read when asked for: lenses need every value's sharding but no origin.
   */
  sharded(v: Value): Value {
    const e = this.enrichment;
    if (!e?.propagated) return v;
    let c = this.shardedByName.get(v.name);
    if (!c) {
      const sharding = e.shardingOf(v.name);
      c = sharding ? withLazyOrigin({ ...v, sharding }, () => e.originOf(v.name) ?? v.origin) : v;
      this.shardedByName.set(v.name, c);
    }
    return c;
  }

  /** The narrowest definition or use under the cursor. */
  symbolAt(offset: number): SymbolHit | undefined {
    let best: SymbolHit | undefined;
    const consider = (def: SymbolDef, span: Span) => {
      if (touches(span, offset) && (!best || spanLength(span) < spanLength(best.span))) best = { def, span };
    };
    for (const d of this.defs) consider(d, d.span);
    for (const r of this.refs) consider(r.def, r.span);
    return best;
  }

  /** Every span naming `def`: the definition first, then uses in source order. */
  occurrences(def: SymbolDef): Span[] {
    const uses = this.refs.filter((r) => sameDef(r.def, def)).map((r) => r.span);
    uses.sort((a, b) => a.start.offset - b.start.offset);
    const unique = uses.filter((s, i) => {
      const before = uses[i - 1];
      return before === undefined || !sameSpan(s, before);
    });
    return [def.span, ...unique.filter((s) => !sameSpan(s, def.span))];
  }

  /** The IR values a source name (binding, param, input) stands for; several for repeated layers. */
  valuesOf(def: SymbolDef): Value[] {
    const names = this.instancesByOffset.get(def.span.start.offset) ?? [];
    return names.flatMap((n) => {
      const v = this.value(n);
      return v ? [v] : [];
    });
  }

  value(name: string): Value | undefined {
    const v = this.valuesByName.get(name);
    return v && this.sharded(v);
  }

  /** Ops of the global IR that came from source inside `span`. */
  opsWithin(span: Span) {
    return this.module ? this.module.ops.filter((op) => within(op.span, span)) : [];
  }

  /** Collectives the partitioner inserted for source inside `span`. */
  collectivesWithin(span: Span): CollectiveInfo[] {
    return this.collectives.filter((c) => within(c.span, span));
  }

  /** Per-device FLOPs of the SPMD program for source inside `span`. */
  localFlopsWithin(span: Span): number {
    return this.enrichment?.localFlopsWithin(span) ?? 0;
  }
}

function withLazyOrigin(v: Value, origin: () => Value['origin']): Value {
  return Object.defineProperty(v, 'origin', { get: origin, enumerable: true, configurable: true });
}

export function sameDef(a: SymbolDef, b: SymbolDef): boolean {
  return a === b || (a.kind === b.kind && a.name === b.name && sameSpan(a.span, b.span));
}

const cache = new WeakMap<Analysis, DocModel>();

/** The model of `analysis` with `enrichment` merged in; cached while the pair stays the same. */
export function docModel(analysis: Analysis, enrichment?: EnrichmentView): DocModel {
  let m = cache.get(analysis);
  if (!m || m.enrichment !== enrichment) { m = new DocModel(analysis, enrichment); cache.set(analysis, m); }
  return m;
}

/**
 * Uses of mesh axes inside annotations; the lowering does not index them, so we resolve them here
 * against the mesh of the compiled model (or the first mesh that has an axis of that name).
 */
function axisReferences(analysis: Analysis, defs: readonly SymbolDef[], module: Module | undefined): SymbolRef[] {
  const axes = defs.filter((d) => d.kind === 'axis');
  if (axes.length === 0) return [];
  const meshName = module?.mesh.name;
  const resolve = (id: Ident): SymbolDef | undefined =>
    axes.find((d) => d.name === id.name && d.scope === meshName) ?? axes.find((d) => d.name === id.name);
  const out: SymbolRef[] = [];
  walk(analysis.front.program, (n) => {
    if (n.kind !== 'AxisAnn') return;
    const ids = [...n.dims.flatMap((d) => d.axes), ...n.replicated, ...n.unreduced];
    for (const id of ids) {
      const def = resolve(id);
      if (def) out.push({ span: id.span, def });
    }
    return false;
  });
  return out;
}
