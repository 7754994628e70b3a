// Lowers layer and model bodies to global IR: expressions become ops, layer calls are inlined
// (each instance with its own parameters), annotations attach to values.

import type { Binding, Call, CallArg, Expr, FuncDecl, Ident, InputDecl, ParamDecl, Span,
  TypeRef } from '@gshard/grammar';
import type { LayerInstance, Value } from '../ir/module.js';
import { isDType, tensorType, typesEqual, typeToString, type DType, type TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import { shardingsEqual, type Sharding } from '../ir/sharding.js';
import { unknownName } from '../diag/typos.js';
import { LIMITS, limitMessage } from '../limits.js';
import { lowerAnnotation } from './annotations.js';
import { BUILTINS, type BoundArg, type Builtin, type ParamKind } from './builtins.js';
import type { LowerContext, SymbolDef } from './context.js';
import { evalWithDims } from './dims.js';
import { shardingToText as toShardingText } from '../ir/sharding-text.js';
import { at, got } from '../util/checked.js';

/** One lowering of one function body. */
interface Frame {
  readonly func: FuncDecl;
  /** Prefix of every value name in this instance: '' for the model, 'y.0.' inside a call. */
  readonly prefix: string;
  readonly scope: Map<string, { value: Value | null; def?: SymbolDef }>;
  /** Record definitions and references (once per function, not per instance). */
  readonly record: boolean;
  /** The layer instance this frame lowers (absent for the model and layers checked on their own). */
  readonly instance?: InstanceRecord;
  /** Instances of each layer made so far in this frame: the next one's index. */
  readonly counters: Map<string, number>;
}

/** A layer instance while lowering; its user path is settled once all its siblings are known. */
interface InstanceRecord {
  readonly prefix: string;
  readonly layer: string;
  readonly parent?: InstanceRecord;
  readonly index: number;
  readonly repeat: boolean;
}

/** Thrown to stop lowering when a limit is hit; caught by lowerProgram. */
export class LimitExceeded extends Error {}

export class FunctionLowering {
  readonly params: Value[] = [];
  /** While a layer is checked on its own: its params are not the module's (a run would feed them). */
  private standalone = false;
  private readonly stack: string[] = [];
  private readonly recorded = new Set<FuncDecl>();
  private instances = 0;
  private readonly instanceRecords: InstanceRecord[] = [];
  /** Symbol definitions of dims and layers by name, for references. */
  private readonly dimDefs = new Map<string, SymbolDef>();
  private readonly layerDefs = new Map<string, SymbolDef>();

  constructor(
    private readonly ctx: LowerContext,
    private readonly mesh: Mesh,
    private readonly layers: ReadonlyMap<string, FuncDecl>,
  ) {
    // Dims and layers are all defined before lowering starts; a reference goes to the first one.
    for (const d of ctx.symbols.definitions) {
      const defs = d.kind === 'dim' ? this.dimDefs : d.kind === 'layer' ? this.layerDefs : undefined;
      if (defs && !defs.has(d.name)) defs.set(d.name, d);
    }
  }

  /**
   * Resolves a written type like `f32[G, S, M]` against the declared dims. `record` adds its dim
   * names to the symbol references: once per function, not again for every instance or re-check.
   */
  resolveType(ref: TypeRef, record: boolean): TensorType | undefined {
    let ok = true;
    if (!isDType(ref.dtype.name)) {
      const u = unknownName(ref.dtype.name, ['f32', 'bf16', 'i32', 'bool'], ref.dtype.span);
      this.ctx.error('name-unknown-dtype',
        `Unknown dtype '${ref.dtype.name}': expected f32, bf16, i32 or bool.${u.suffix}`, ref.dtype.span, u.extra);
      ok = false;
    }
    const dims = [];
    let elements = 1;
    for (let i = 0; i < ref.dims.length; i++) {
      const d = at(ref.dims, i, 'ref.dims');
      const info = this.ctx.dims.get(d.name);
      if (record) this.refDim(d);
      if (!info) {
        this.ctx.unknownDim(d.name, d.span);
        ok = false;
        continue;
      }
      // The nearest earlier use of the name (types are short, so a scan beats a map).
      let prior: Ident | undefined;
      for (let j = i - 1; j >= 0 && !prior; j--) if (at(ref.dims, j, 'ref.dims').name === d.name) prior = ref.dims[j];
      if (prior) {
        this.ctx.error('shape-duplicate-dim',
          `Dim ${d.name} appears twice in one type; use rename() to make a second dim of the same size.`, d.span, {
          related: [{ message: 'first use', span: prior.span }],
        });
        ok = false;
      }
      elements *= info.size;
      dims.push({ name: d.name, size: info.size });
    }
    if (ok && elements > LIMITS.tensorElements.value) {
      this.ctx.error('limit-tensor-elements',
        `Type ${ref.dtype.name}[${ref.dims.map((d) => d.name).join(', ')}]: ` +
        `${limitMessage(LIMITS.tensorElements, elements)}`, ref.span);
      ok = false;
    }
    return ok ? tensorType(ref.dtype.name as TensorType['dtype'], dims) : undefined;
  }

  /** Lowers the model: its inputs become module inputs; returns the output values. */
  lowerModel(model: FuncDecl): { inputs: Value[]; outputs: Value[] } {
    const frame = this.frame(model, '');
    const inputs: Value[] = [];
    for (const input of model.inputs) {
      const type = this.resolveType(input.type, frame.record);
      const value = type ? this.ctx.newValue(input.name.name, 'input', type, input.name.span) : null;
      if (value) inputs.push(value);
      this.define(frame, input.name, value, 'input', input.span);
      if (value && input.annotation) this.annotate(value, input.annotation, input.span);
    }
    const outputs = this.lowerBody(frame);
    // A body that failed already said why; comparing its missing results would only repeat it.
    if (outputs) this.checkResults(frame, outputs);
    return { inputs, outputs: outputs ?? [] };
  }

  /** Lowers a layer that is never called (or once more for editor features) with fresh inputs. */
  checkStandalone(layer: FuncDecl): void {
    if (this.recorded.has(layer)) return;
    const saved = this.ctx.ops;
    this.ctx.ops = [];
    // Its values and ops are dropped afterwards, so their names need not stay reserved.
    const prefix = `${layer.name.name}.`;
    this.ctx.ids.beginThrowaway(prefix);
    this.standalone = true;
    try {
      const args: (Value | null)[] = layer.inputs.map((i) => {
        // instantiate resolves these again, and records their dims then.
        const t = this.resolveType(i.type, false);
        return t ? this.ctx.newValue(`${prefix}${i.name.name}`, 'input', t, i.name.span) : null;
      });
      this.instantiate(layer, args, [], prefix, layer.name.span, undefined, false, false);
    } finally {
      this.standalone = false;
      this.ctx.ids.endThrowaway();
      this.ctx.ops = saved;
    }
  }

  private frame(func: FuncDecl, prefix: string, instance?: InstanceRecord): Frame {
    const record = !this.recorded.has(func);
    this.recorded.add(func);
    return { func, prefix, scope: new Map(), record, counters: new Map(), ...(instance ? { instance } : {}) };
  }

  /**
   * The path a user types for each instance: layer names from the model down, each with its index
   * among the instances of that layer in the same body (`pair[3].attention[1]`); the index is left
   * out where the body makes only one, outside repeat (`pair[3].ffn`).
   */
  userPaths(): LayerInstance[] {
    const siblings = new Map<string, number>();
    const key = (r: InstanceRecord) => `${r.parent?.prefix ?? ''}\u0000${r.layer}`;
    for (const r of this.instanceRecords) siblings.set(key(r), (siblings.get(key(r)) ?? 0) + 1);
    const paths = new Map<InstanceRecord, string>();
    const pathOf = (r: InstanceRecord): string => {
      let p = paths.get(r);
      if (p === undefined) {
        const segment = r.repeat || got(siblings, key(r), 'siblings') > 1 ? `${r.layer}[${r.index}]` : r.layer;
        p = r.parent ? `${pathOf(r.parent)}.${segment}` : segment;
        paths.set(r, p);
      }
      return p;
    };
    return this.instanceRecords.map((r) => ({ prefix: r.prefix, path: pathOf(r), layer: r.layer }));
  }

  private define(frame: Frame, name: Ident, value: Value | null, kind: 'input' | 'param' | 'binding',
    declSpan: Span): void {
    const prior = frame.scope.get(name.name);
    if (prior?.def && frame.record) {
      this.ctx.error('name-redefined', `'${name.name}' is already defined in ${frame.func.name.name}.`, name.span, {
        related: [{ message: 'first defined here', span: prior.def.span }],
      });
    }
    const def: SymbolDef = { kind, name: name.name, span: name.span, declSpan, scope: frame.func.name.name };
    if (frame.record) this.ctx.symbols.definitions.push(def);
    if (value) this.ctx.symbols.instances.push({ span: name.span, valueName: value.name });
    frame.scope.set(name.name, { value, def });
  }

  private refDim(id: Ident): void {
    const def = this.dimDefs.get(id.name);
    if (def) this.ctx.symbols.references.push(id.span, def);
  }

  /** Inlines one instance of `layer`; returns its results (null entries for failed values). */
  private instantiate(layer: FuncDecl, args: readonly (Value | null)[], argSpans: readonly Span[], prefix: string,
    callSpan: Span,
    parent: Frame | undefined, repeat: boolean, remat: boolean): Value[] | undefined {
    if (this.stack.includes(layer.name.name)) {
      this.ctx.error('name-recursive-layer',
        `Layer ${layer.name.name} calls itself (${[...this.stack, layer.name.name].join(' -> ')}); layers cannot ` +
        `recurse.`, callSpan);
      return undefined;
    }
    // Every instance counts toward the ops limit, so `repeat 2` chains that double at each level
    // stop at the limit even when the layers hold no ops of their own.
    this.instances++;
    if (this.ctx.ops.length + this.instances > LIMITS.ops.value) {
      this.ctx.error('limit-ops',
        `Inlining layer ${layer.name.name}: ${limitMessage(LIMITS.ops, this.ctx.ops.length + this.instances)} (ops ` +
        `plus layer instances).`, callSpan);
      throw new LimitExceeded();
    }
    this.stack.push(layer.name.name);
    const outerLayer = this.ctx.layer;
    const outerRemat = this.ctx.remat;
    // The instance path without the trailing dot: `y.0` for the first of `y = repeat n f(x)`.
    this.ctx.layer = `${layer.name.name} ${prefix.replace(/\.$/, '')}`;
    // A remat call or layer opens a region, unless an enclosing one already recomputes it all.
    if ((remat || layer.remat) && !outerRemat) this.ctx.remat = this.ctx.layer;
    try {
      let instance: InstanceRecord | undefined;
      if (parent && !this.standalone) {
        const index = parent.counters.get(layer.name.name) ?? 0;
        parent.counters.set(layer.name.name, index + 1);
        instance = {
          prefix, layer: layer.name.name, index, repeat, ...(parent.instance ? { parent: parent.instance } : {}),
        };
        this.instanceRecords.push(instance);
      }
      const frame = this.frame(layer, prefix, instance);
      layer.inputs.forEach((input, i) => {
        const arg = args[i] ?? null;
        const type = this.resolveType(input.type, frame.record);
        let value = arg;
        if (arg && type && !typesEqual(arg.type, type)) {
          this.ctx.error('shape-argument-type',
            `Layer ${layer.name.name} expects ${input.name.name}: ${typeToString(type)} but was given ` +
            `${typeToString(arg.type)}.`, argSpans[i] ?? callSpan, {
            related: [{ message: `${input.name.name} is declared here`, span: input.span }],
          });
          value = null;
        }
        this.define(frame, input.name, value, 'input', input.span);
        if (value && input.annotation) this.annotate(value, input.annotation, input.span);
      });
      const results = this.lowerBody(frame);
      if (results) this.checkResults(frame, results);
      return results;
    } finally {
      this.stack.pop();
      this.ctx.layer = outerLayer;
      this.ctx.remat = outerRemat;
    }
  }

  private checkResults(frame: Frame, results: readonly Value[]): void {
    const func = frame.func;
    if (func.results.length === 0) return;
    if (func.results.length !== results.length) {
      this.ctx.error('shape-result-count',
        `${func.name.name} declares ${func.results.length} result(s) but returns ${results.length}.`, func.name.span);
      return;
    }
    func.results.forEach((ref, i) => {
      const declared = this.resolveType(ref, frame.record);
      const actual = at(results, i, 'results');
      if (declared && !typesEqual(declared, actual.type)) {
        this.ctx.error('shape-result-type',
          `${func.name.name} declares result ${i + 1} as ${typeToString(declared)} but returns ` +
          `${typeToString(actual.type)}.`, ref.span);
      }
    });
  }

  /** Lowers statements in order; returns the values of `return`, or undefined if it failed. */
  private lowerBody(frame: Frame): Value[] | undefined {
    let results: Value[] | undefined;
    let returned: Span | undefined;
    let failed = false;
    for (const stmt of frame.func.body) {
      if (returned && frame.record) {
        this.ctx.report('shape-unreachable', 'warning', `This statement comes after return and is never used.`,
          stmt.span);
      }
      switch (stmt.kind) {
        case 'ParamDecl':
          this.lowerParam(frame, stmt);
          break;
        case 'Binding':
          this.lowerBinding(frame, stmt);
          break;
        case 'ReturnStmt': {
          const values: Value[] = [];
          for (const e of stmt.values) {
            const v = this.lowerExpr(frame, e, `${frame.prefix}result`);
            if (!v || v.length !== 1) failed = true;
            else values.push(at(v, 0, 'v'));
          }
          if (!returned) results = values;
          returned = stmt.span;
          break;
        }
      }
    }
    if (!returned) {
      if (frame.record) {
        this.ctx.error('shape-missing-return',
          `${frame.func.isModel ? 'Model' : 'Layer'} ${frame.func.name.name} has no return statement.`,
          frame.func.name.span);
      }
      return undefined;
    }
    return failed ? undefined : results;
  }

  private lowerParam(frame: Frame, decl: ParamDecl): void {
    const type = this.resolveType(decl.type, frame.record);
    const value = type ? this.ctx.newValue(`${frame.prefix}${decl.name.name}`, 'param', type, decl.name.span) : null;
    if (value && !this.standalone) this.params.push(value);
    this.define(frame, decl.name, value, 'param', decl.span);
    if (value && decl.annotation) this.annotate(value, decl.annotation, decl.span);
  }

  private lowerBinding(frame: Frame, b: Binding): void {
    const names = b.names.map((n) => `${frame.prefix}${n.name}`);
    const values = this.lowerExpr(frame, b.value, at(names, 0, 'names'), names);
    if (values && values.length !== b.names.length) {
      this.ctx.error('shape-binding-count',
        `The right side gives ${values.length} value(s) but ${b.names.length} name(s) are bound.`,
        b.names.length > values.length ? at(b.names, values.length, 'b.names').span : at(b.names, 0, 'b.names').span);
    }
    b.names.forEach((n, i) => this.define(frame, n, values?.[i] ?? null, 'binding', b.span));
    if (values?.[0] && b.annotation) this.annotate(values[0], b.annotation, b.span);
  }

  /** Attaches a user annotation to a value; a second, different annotation is a conflict. */
  private annotate(value: Value, ann: import('@gshard/grammar').Annotation, span: Span): void {
    const sharding = lowerAnnotation(ann, value.type, this.mesh, this.ctx);
    if (!sharding) return;
    if (value.annotation && !shardingsEqual(value.annotation, sharding)) {
      const first = value.origin?.chain[0]?.span;
      this.ctx.error('shard-annotation-conflict',
        `${value.name} is annotated ${toShardingText(sharding)} here but ${toShardingText(value.annotation)} ` +
        `elsewhere; one tensor has one sharding.`, ann.span, {
        ...(first ? { related: [{ message: 'the other annotation', span: first }] } : {}),
      });
      return;
    }
    value.annotation = sharding;
    value.sharding = sharding;
    value.origin = { annotated: true, chain: [{ from: value.name, span: ann.span }] };
    void span;
  }

  // ---- expressions ------------------------------------------------------------------------------

  private depth = 0;

  /** Lowers an expression to its values (several for multi-result calls); undefined on error. */
  private lowerExpr(frame: Frame, e: Expr, name: string, names: readonly string[] = [name]): Value[] | undefined {
    // Deep expressions (thousands of chained `+`) would overflow the stack: refuse them here.
    if (this.depth >= LIMITS.expressionDepth.value) {
      this.ctx.error('limit-expression-depth',
        `This expression is too deep: ${limitMessage(LIMITS.expressionDepth, this.depth + 1)} Or split it into ` +
        `several bindings.`, e.span);
      return undefined;
    }
    this.depth++;
    try {
      return this.lowerExprAt(frame, e, name, names);
    } finally {
      this.depth--;
    }
  }

  private lowerExprAt(frame: Frame, e: Expr, name: string, names: readonly string[]): Value[] | undefined {
    switch (e.kind) {
      case 'Paren':
        return this.lowerExpr(frame, e.inner, name, names);
      case 'NameRef': {
        const entry = frame.scope.get(e.name.name);
        if (!entry) {
          const u = unknownName(e.name.name, frame.scope.keys(), e.span);
          this.ctx.error('name-unresolved', `Unknown name '${e.name.name}'.${u.suffix}`, e.span, u.extra);
          return undefined;
        }
        if (entry.def && frame.record) this.ctx.symbols.references.push(e.name.span, entry.def);
        return entry.value ? [entry.value] : undefined;
      }
      case 'NumberLit':
        return this.ctx.emit('constant', [], { value: e.value, dtype: 'f32' }, e.span, [name]);
      case 'Unary': {
        const v = this.lowerExpr(frame, e.operand, `${name}.neg`);
        return v && this.single(v, e.operand.span) ? this.ctx.emit('neg', v, {}, e.span, [name]) : undefined;
      }
      case 'Binary': {
        const kind = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' }[e.op];
        const [a, b] = this.lowerOperands(frame, [e.lhs, e.rhs], name);
        if (!a || !b) return undefined;
        return this.ctx.emit(kind, [a, b], {}, e.span, [name], [e.lhs.span, e.rhs.span]);
      }
      case 'Call':
        return this.lowerCall(frame, e, names);
      case 'RepeatCall':
        return this.lowerRepeat(frame, e, names);
      case 'StringLit':
      case 'ListLit':
        this.ctx.error('shape-expected-tensor',
          `Expected a tensor expression but found a ${e.kind === 'StringLit' ? 'string' : 'list'}.`, e.span);
        return undefined;
    }
  }

  private single(values: Value[], span: Span): boolean {
    if (values.length === 1) return true;
    this.ctx.error('shape-expected-one-value', `Expected one value here but the expression gives ${values.length}.`,
      span);
    return false;
  }

  /**
   * Lowers operands of an elementwise op; a number literal becomes a scalar constant of the other
   * operand's dtype (so `h * 0.5` keeps bf16 bf16).
   */
  private lowerOperands(frame: Frame, exprs: readonly Expr[], name: string): (Value | undefined)[] {
    const out: (Value | undefined)[] = exprs.map((x, i) => {
      if (x.kind === 'NumberLit') return undefined;
      const v = this.lowerExpr(frame, x, `${name}.${i}`);
      return v && this.single(v, x.span) ? v[0] : undefined;
    });
    const dtype = out.find((v) => v)?.type.dtype ?? 'f32';
    exprs.forEach((x, i) => {
      if (x.kind === 'NumberLit') out[i] = this.ctx.emit('constant', [], { value: x.value, dtype }, x.span,
        [`${name}.c`])?.[0];
    });
    return out;
  }

  private lowerCall(frame: Frame, call: Call, names: readonly string[]): Value[] | undefined {
    const callee = call.callee.name;
    const builtin = BUILTINS.get(callee);
    if (builtin && call.remat) {
      this.ctx.error('train-remat-builtin', `remat marks a layer call, whose activations the backward pass `
        + `recomputes, but '${callee}' is a builtin op; put the ops to recompute in a layer and call it with remat.`,
      call.remat);
    }
    if (builtin) return this.lowerBuiltin(frame, builtin, call, names);
    const layer = this.layers.get(callee);
    if (!layer) {
      const known = [...BUILTINS.keys(), ...this.layers.keys()];
      const u = unknownName(callee, known, call.callee.span);
      this.ctx.error('name-unknown-op', `Unknown op or layer '${callee}'.${u.suffix}`, call.callee.span, u.extra);
      return undefined;
    }
    if (layer.isModel) {
      this.ctx.error('name-call-model', `${callee} is a model; only layers can be called.`, call.callee.span);
      return undefined;
    }
    if (frame.record) {
      const def = this.layerDefs.get(callee);
      if (def) this.ctx.symbols.references.push(call.callee.span, def);
    }
    const args = this.layerArgs(frame, layer, call, at(names, 0, 'names'));
    if (!args) return undefined;
    return this.instantiate(layer, args, call.args.map((a) => a.span), `${names[0]}.`, call.span, frame, false,
      call.remat !== undefined);
  }

  private layerArgs(frame: Frame, layer: FuncDecl, call: Call, name: string): (Value | null)[] | undefined {
    if (call.args.some((a) => a.name)) {
      const named = call.args.find((a) => a.name)?.name;
      this.ctx.error('shape-named-argument', `Layer ${layer.name.name} takes positional arguments only.`,
        named?.span ?? call.span);
      return undefined;
    }
    if (call.args.length !== layer.inputs.length) {
      this.ctx.error('shape-call-arity',
        `Layer ${layer.name.name} takes ${layer.inputs.length} argument(s) ` +
        `(${layer.inputs.map((i) => i.name.name).join(', ')}) but was given ${call.args.length}.`, call.span);
      return undefined;
    }
    return call.args.map((a, i) => {
      const v = this.lowerExpr(frame, a.value, `${name}.arg${i}`);
      return v && this.single(v, a.span) ? at(v, 0, 'v') : null;
    });
  }

  private lowerRepeat(frame: Frame, e: import('@gshard/grammar').RepeatCall,
    names: readonly string[]): Value[] | undefined {
    const count = evalWithDims(e.count, this.ctx);
    if (count === undefined) return undefined;
    const layer = this.layers.get(e.call.callee.name);
    if (!layer || layer.isModel) {
      const u = unknownName(e.call.callee.name, this.layers.keys(), e.call.callee.span);
      this.ctx.error('name-unknown-layer', `repeat needs a layer but '${e.call.callee.name}' is not one.${u.suffix}`,
        e.call.callee.span, u.extra);
      return undefined;
    }
    if (!Number.isInteger(count) || count < 1) {
      this.ctx.error('shape-repeat-count', `repeat needs a count of at least 1 but got ${count}.`, e.count.span);
      return undefined;
    }
    // The layer's own lowering records the dims of these types.
    const inTypes = layer.inputs.map((i) => this.resolveType(i.type, false));
    const outTypes = layer.results.map((r) => this.resolveType(r, false));
    const chains = layer.results.length === layer.inputs.length && inTypes.every((t, i) => {
      const out = outTypes[i];
      return Boolean(t && out && typesEqual(t, out));
    });
    if (!chains) {
      this.ctx.error('shape-repeat-signature',
        `repeat needs a layer whose declared results match its inputs (so each instance feeds the next), but ` +
        `${layer.name.name} takes (${inTypes.map((t) => (t ? typeToString(t) : '?')).join(', ')}) and returns ` +
        `(${outTypes.map((t) => (t ? typeToString(t) : '?')).join(', ')}).`, e.call.callee.span);
      return undefined;
    }
    if (frame.record) {
      const def = this.layerDefs.get(layer.name.name);
      if (def) this.ctx.symbols.references.push(e.call.callee.span, def);
    }
    let current = this.layerArgs(frame, layer, e.call, at(names, 0, 'names'));
    for (let i = 0; i < count && current; i++) {
      if (this.ctx.ops.length > LIMITS.ops.value) {
        this.ctx.error('limit-ops',
          `repeat ${count} ${layer.name.name}: ${limitMessage(LIMITS.ops, this.ctx.ops.length)}`, e.span);
        throw new LimitExceeded();
      }
      current = this.instantiate(layer, current, e.call.args.map((a) => a.span), `${names[0]}.${i}.`, e.span, frame,
        true, e.remat !== undefined);
    }
    return current?.every((v) => v) ? (current as Value[]) : undefined;
  }

  private lowerBuiltin(frame: Frame, b: Builtin, call: Call, names: readonly string[]): Value[] | undefined {
    const bound = this.bindArgs(frame, b, call, at(names, 0, 'names'));
    if (!bound) return undefined;
    if (this.ctx.ops.length > LIMITS.ops.value) {
      this.ctx.error('limit-ops', `${limitMessage(LIMITS.ops, this.ctx.ops.length)}`, call.span);
      throw new LimitExceeded();
    }
    const first = this.ctx.ops.length;
    const results = b.lower({
      ctx: this.ctx, span: call.span, calleeSpan: call.callee.span, names, args: bound, call,
    });
    // What a builtin makes on the way to its results (top2_gating's masks and positions) is a temporary.
    if (results && this.ctx.ops.length - first > 1) {
      const kept = new Set(results.map((v) => v.id));
      for (let i = first; i < this.ctx.ops.length; i++) {
        for (const r of at(this.ctx.ops, i, 'this.ctx.ops').results) {
          if (!kept.has(r.id)) this.ctx.temporaries.add(r.name);
        }
      }
    }
    return results;
  }

  /** Matches call arguments to the builtin's parameters (positional, then named) and lowers them. */
  private bindArgs(frame: Frame, b: Builtin, call: Call, name: string): Map<string, BoundArg> | undefined {
    const slots = new Map<string, CallArg[]>();
    let position = 0;
    let ok = true;
    for (const arg of call.args) {
      if (arg.name) {
        const argName = arg.name.name;
        const p = b.params.find((q) => q.name === argName);
        if (!p) {
          const u = unknownName(arg.name.name, b.params.map((q) => q.name), arg.name.span);
          this.ctx.error('name-unknown-argument', `${b.name} has no argument '${arg.name.name}'.${u.suffix}`,
            arg.name.span, u.extra);
          ok = false;
          continue;
        }
        addSlot(slots, p.name, arg);
        continue;
      }
      const p = b.params[Math.min(position, b.params.length - 1)];
      if (!p || (position >= b.params.length && p.kind !== 'tensors')) {
        this.ctx.error('shape-call-arity',
          `${b.name} takes at most ${b.params.length} argument(s) but was given ${call.args.length}.`, arg.span);
        ok = false;
        break;
      }
      addSlot(slots, p.name, arg);
      // a list literal is the whole tensor list (`concat([a, b], L)`); bare tensors keep filling it
      if (p.kind !== 'tensors' || arg.value.kind === 'ListLit') position++;
    }
    const bound = new Map<string, BoundArg>();
    // Tensors first, then number literals, which take the dtype of the first tensor argument.
    const isLiteral = (p: { kind: ParamKind; name: string }) => p.kind === 'scalarOrTensor'
      && slots.get(p.name)?.[0]?.value.kind === 'NumberLit';
    let literalDType: DType = 'f32';
    for (const literals of [false, true]) {
      for (const p of b.params) {
        if (isLiteral(p) !== literals) continue;
        const args = slots.get(p.name);
        if (args === undefined) {
          if (!p.optional && ok) {
            this.ctx.error('shape-call-arity',
              `${b.name} is missing argument '${p.name}' (${b.params.map((q) => q.name).join(', ')}).`, call.span);
            ok = false;
          }
          continue;
        }
        const arg = this.bindArg(frame, p.kind, args, `${name}.${p.name}`, b.name, literalDType);
        if (!arg) ok = false;
        else {
          bound.set(p.name, arg);
          if (arg.kind === 'tensor' && literalDType === 'f32' && !literals && arg.value.type.dtype !== 'bool') {
            literalDType = arg.value.type.dtype;
          }
        }
      }
    }
    return ok ? bound : undefined;
  }

  private bindArg(frame: Frame, kind: ParamKind, args: CallArg[], name: string, op: string,
    literalDType: DType = 'f32'): BoundArg | undefined {
    const a = at(args, 0, 'args');
    const e = a.value;
    switch (kind) {
      case 'tensors': {
        const values: Value[] = [];
        const exprs = args.length === 1 && e.kind === 'ListLit' ? e.elements : args.map((x) => x.value);
        for (const [i, x] of exprs.entries()) {
          const v = this.lowerExpr(frame, x, `${name}${i}`);
          if (!v || !this.single(v, x.span)) return undefined;
          values.push(at(v, 0, 'v'));
        }
        return { kind, values, spans: exprs.map((x) => x.span) };
      }
      case 'tensor':
      case 'scalarOrTensor': {
        if (kind === 'scalarOrTensor' && e.kind === 'NumberLit') {
          // A number takes the dtype of the call's tensor arguments (so `mul(h, 0.5)` keeps bf16).
          const c = this.ctx.emit('constant', [], { value: e.value, dtype: literalDType }, e.span, [name]);
          return c ? { kind: 'tensor', value: at(c, 0, 'c'), span: e.span } : undefined;
        }
        const v = this.lowerExpr(frame, e, name);
        return v && this.single(v, e.span) ? { kind: 'tensor', value: at(v, 0, 'v'), span: e.span } : undefined;
      }
      case 'dim': {
        if (e.kind !== 'NameRef') {
          this.ctx.error('shape-expected-dim', `${op} expects a dim name here but found ${describe(e)}.`, e.span);
          return undefined;
        }
        return this.dimRef(e.name, op, frame.record);
      }
      case 'dims': {
        const items = e.kind === 'ListLit' ? e.elements : [e];
        const names: string[] = [];
        const sizes: number[] = [];
        for (const item of items) {
          if (item.kind !== 'NameRef') {
            this.ctx.error('shape-expected-dim', `${op} expects dim names here but found ${describe(item)}.`,
              item.span);
            return undefined;
          }
          const d = this.dimRef(item.name, op, frame.record);
          if (!d) return undefined;
          names.push(d.name);
          sizes.push(d.size);
        }
        return { kind, names, sizes, span: e.span };
      }
      case 'string':
        if (e.kind !== 'StringLit') {
          this.ctx.error('shape-expected-string', `${op} expects a string here but found ${describe(e)}.`, e.span);
          return undefined;
        }
        return { kind, value: e.value, span: e.span };
      case 'dtype':
        if (e.kind !== 'NameRef' || !isDType(e.name.name)) {
          this.ctx.error('name-unknown-dtype', `${op} expects a dtype (f32, bf16, i32, bool) but found ${describe(e)}.`,
            e.span);
          return undefined;
        }
        return { kind, value: e.name.name, span: e.span };
      case 'number': {
        const neg = e.kind === 'Unary' ? e.operand : undefined;
        const lit = neg ?? e;
        if (lit.kind !== 'NumberLit') {
          this.ctx.error('shape-expected-number', `${op} expects a number here but found ${describe(e)}.`, e.span);
          return undefined;
        }
        return { kind, value: neg ? -lit.value : lit.value, span: e.span };
      }
      case 'bool':
        if (e.kind !== 'NameRef' || !['true', 'false'].includes(e.name.name)) {
          this.ctx.error('shape-expected-bool', `${op} expects true or false here but found ${describe(e)}.`, e.span);
          return undefined;
        }
        return { kind, value: e.name.name === 'true', span: e.span };
    }
  }

  /** A dim named as an op's argument; `record` as in resolveType. */
  private dimRef(id: Ident, op: string,
    record: boolean): { kind: 'dim'; name: string; size: number; span: Span } | undefined {
    const info = this.ctx.dims.get(id.name);
    if (record) this.refDim(id);
    if (!info) {
      this.ctx.unknownDim(id.name, id.span, `${op}: `);
      return undefined;
    }
    return { kind: 'dim', name: id.name, size: info.size, span: id.span };
  }
}

function addSlot(slots: Map<string, CallArg[]>, name: string, arg: CallArg): void {
  const list = slots.get(name);
  if (list) list.push(arg);
  else slots.set(name, [arg]);
}

function describe(e: Expr): string {
  switch (e.kind) {
    case 'NumberLit': return `the number ${e.text}`;
    case 'StringLit': return `the string "${e.value}"`;
    case 'ListLit': return 'a list';
    case 'NameRef': return `'${e.name.name}'`;
    default: return 'an expression';
  }
}

export type { InputDecl };
