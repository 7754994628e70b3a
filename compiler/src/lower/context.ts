// The state of one lowering run: diagnostics, ids, declared dims, and the ops emitted so far.

import type { Diagnostic, DiagnosticExtra, Severity, Span } from '@gshard/grammar';
import { IdSource, type Attrs, type Op, type Value, type ValueRole } from '../ir/module.js';
import { opEntry as opDef } from '../ops/registry.js';
import type { TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import type { EinsumOrder } from '../ir/einsum-order.js';
import { unknownName } from '../diag/typos.js';
import { opShapeCode } from '../diag/codes.js';
import { SymbolRefList } from './symbol-refs.js';

/** Sentence case with a final period, as every message is written. */
export function sentence(message: string): string {
  // A message that opens with code (`split(G, 16) needs ...`, `einsum operand ...`) keeps its case.
  const m = /^[a-z_0-9]+[( ]/.test(message) && /^(split|shard|replicate|einsum|[a-z]+_[a-z_]+)\b/.test(message)
    ? message : message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

export interface DimInfo {
  readonly size: number;
  readonly span: Span;
}

/** What the editor needs to know about names: where each is defined and where it is used. */
export interface SymbolIndex {
  readonly definitions: SymbolDef[];
  readonly references: SymbolRefList;
  /** Source binding span -> the IR values that instantiate it (several for repeated layers). */
  readonly instances: { span: Span; valueName: string }[];
}

// Declared beside SymbolRefList (symbol-refs.ts), which stores them, so neither file imports the other.
import type { SymbolDef } from './symbol-refs.js';
export type { SymbolKind, SymbolDef, SymbolRef } from './symbol-refs.js';

export class LowerContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly ids = new IdSource();
  readonly dims = new Map<string, DimInfo>();
  readonly meshes = new Map<string, { mesh: Mesh; span: Span; def: SymbolDef }>();
  readonly symbols: SymbolIndex = { definitions: [], references: new SymbolRefList(), instances: [] };
  ops: Op[] = [];
  /** Names of values a builtin made on its way to its results (see Module.temporaries). */
  readonly temporaries = new Set<string>();
  /** The order chosen for each einsum of three or more operands (see Module.einsumOrders). */
  readonly einsumOrders: EinsumOrder[] = [];
  /** The layer instance being lowered (see Op.layer); undefined in the model body. */
  layer: string | undefined;
  /** The remat region being lowered (see Op.remat); undefined outside one. */
  remat: string | undefined;
  private readonly seen = new Set<string>();

  report(code: string, severity: Severity, message: string, span: Span, extra: DiagnosticExtra = {}): void {
    // Layers are lowered once standalone and again per call: report each problem once.
    const key = `${code}|${span.start.offset}|${span.end.offset}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push({ code, severity, message, span, ...extra });
  }

  error(code: string, message: string, span: Span, extra: DiagnosticExtra = {}): void {
    this.report(code, 'error', message, span, extra);
  }

  /**
   * Reports a use of a dim that did not resolve, unless it is declared: a declared dim is missing
   * from `dims` only when its own value failed, which was reported at the declaration.
   */
  unknownDim(name: string, span: Span, prefix = ''): void {
    if (this.symbols.definitions.some((d) => d.kind === 'dim' && d.name === name)) return;
    const u = unknownName(name, this.dims.keys(), span);
    this.error('name-unknown-dim', `${prefix}${prefix ? 'u' : 'U'}nknown dim '${name}'.${u.suffix}`, span, u.extra);
  }

  newValue(name: string, role: ValueRole, type: TensorType, span: Span): Value {
    return { id: this.ids.valueId(), name: this.ids.uniqueName(name), role, type, span };
  }

  /**
   * Emits an op after checking its signature in the op table. Returns its results, or undefined
   * (after a diagnostic at `span`) when the operand types do not fit.
   */
  emit(kind: string, operands: readonly Value[], attrs: Attrs, span: Span, resultNames: readonly string[],
    errorSpans: readonly Span[] = []): Value[] | undefined {
    const def = opDef(kind);
    if (!def) throw new Error(`internal: op '${kind}' is not in the op table`);
    const inferred = def.infer(operands.map((v) => v.type), attrs);
    if (!inferred.ok) {
      const at = inferred.operand !== undefined ? errorSpans[inferred.operand] ?? span : span;
      this.error(opShapeCode(kind), sentence(inferred.message), at);
      return undefined;
    }
    const results = inferred.types.map((t, i) => this.newValue(resultNames[i] ?? resultNames[0] ?? kind, 'op', t,
      span));
    const id = this.ids.opId();
    const layer = this.layer;
    // One literal per case: a conditional spread builds every op through V8's slow path.
    const op: Op = layer ? { id, kind, operands, results, attrs, span, layer } : { id, kind, operands, results, attrs,
      span };
    if (this.remat) op.remat = this.remat;
    this.ops.push(op);
    return results;
  }
}
