// Appends ops to a copy of a module: fresh ids and unique names, result types from the op registry,
// every op placed at a forward op's span and layer and tagged with its phase of the training step.

import type { Span } from '@gshard/grammar';
import type { Attrs, Module, Op, OpPhase, Value } from '../ir/module.js';
import { allValues } from '../ir/module.js';
import { tensorType, type DType } from '../ir/types.js';
import { opEntry } from '../ops/registry.js';
import { InternalError } from '../util/checked.js';

/** Where emitted ops go: the source span and layer they are charged to, their phase, what they differentiate. */
export interface Place {
  readonly span: Span;
  readonly layer?: string;
  /** The remat region of the forward op it differentiates (Op.remat). */
  readonly remat?: string;
  readonly phase: OpPhase;
  /** The forward value whose cotangent the op helps compute (shown by `explain --train`). */
  readonly gradOf?: string;
}

export class ProgramBuilder {
  readonly ops: Op[] = [];
  private nextValue: number;
  private nextOp: number;
  private readonly names = new Set<string>();

  constructor(m: Module) {
    const values = allValues(m);
    this.nextValue = 1 + values.reduce((n, v) => Math.max(n, v.id), -1);
    this.nextOp = 1 + m.ops.reduce((n, op) => Math.max(n, op.id), -1);
    for (const v of values) this.names.add(v.name);
  }

  /** `base` if unused, else `base.1`, `base.2`, ... */
  uniqueName(base: string): string {
    let name = base;
    for (let k = 1; this.names.has(name); k++) name = `${base}.${k}`;
    this.names.add(name);
    return name;
  }

  value(name: string, role: Value['role'], type: Value['type'], span: Span): Value {
    return { id: this.nextValue++, name: this.uniqueName(name), role, type, span };
  }

  /** Emits one op; a type the registry rejects is our bug (a gradient rule or optimizer built it wrong). */
  emit(kind: string, operands: readonly Value[], attrs: Attrs, at: Place, name: string): Value[] {
    const entry = opEntry(kind);
    if (!entry) throw new InternalError(`training program: op '${kind}' is not in the op registry`);
    const inferred = entry.infer(operands.map((v) => v.type), attrs);
    if (!inferred.ok) {
      const what = at.gradOf ? `the gradient of ${at.gradOf}` : `the ${at.phase}`;
      throw new InternalError(`training program: ${what} emits ${kind}(${operands.map((v) => v.name).join(', ')}) `
        + `that does not type: ${inferred.message}`);
    }
    const results = inferred.types.map((t, i) => this.value(i === 0 ? name : `${name}.${i}`, 'op', t, at.span));
    this.ops.push({
      id: this.nextOp++, kind, operands, results, attrs, span: at.span, phase: at.phase,
      ...(at.layer ? { layer: at.layer } : {}), ...(at.remat ? { remat: at.remat } : {}),
      ...(at.gradOf ? { gradOf: at.gradOf } : {}),
    });
    return results;
  }

  constant(value: number, dtype: DType, at: Place, name: string): Value {
    return this.emit('constant', [], { value, dtype }, at, name)[0] ?? this.fail('constant');
  }

  /** A value renamed (its producer among the built ops); used only while nothing reads it yet. */
  rename(v: Value, name: string): Value {
    for (const op of this.ops) {
      const k = op.results.indexOf(v);
      if (k < 0) continue;
      this.names.delete(v.name);
      const renamed: Value = { ...v, name: this.uniqueName(name) };
      (op as { results: readonly Value[] }).results = op.results.map((r, i) => (i === k ? renamed : r));
      return renamed;
    }
    return v;
  }

  private fail(what: string): never {
    throw new InternalError(`training program: ${what} gave no result`);
  }
}

export const scalarF32 = tensorType('f32', []);
