// Partitioner pass 1, `insert-reshards` (global IR -> global IR): plans each op once (op-plan.ts)
// and makes every sharding change explicit. Where an op wants an operand in another layout than
// its producer left it, a `reshard` is inserted before it; where the op's natural result (its
// plan's layout, with `unreduced` axes for partial sums) is not the value's sharding, a `reshard`
// after it finishes the value. Op-specific rewrites that depend on the plan happen here too:
// masks of uneven padding before a reduction, split normalizations, a mean over a split dim, and sums
// of partial sums that are reduced once (pending-sums.ts).
// Types stay global; the next pass turns reshards into collectives.

import type { Span } from '@gshard/grammar';
import {
  allValues, cloneModule, type Attrs, type Module, type Op, type Value, opPlace, shardingOf,
} from '../ir/module.js';
import { attrStrings, type ShardingRule } from '../ir/op-def.js';
import { tensorType, type TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import { planOp, ruleOf, type OpPlan } from './op-plan.js';
import { layoutOf, layoutsEqual, planReshard, type Layout } from './reshard-plan.js';
import { expandSplitNormalization, SPLIT_NORMALIZATIONS, type LocalBuilder } from './split-normalization.js';
import { Fresh, groupSize, layoutSharding, type PassResult } from './pass-support.js';
import { opEntry } from '../ops/registry.js';
import { pendingSums, type PendingSum, type PendingSums } from './pending-sums.js';
import { at as checkedAt, got, must } from '../util/checked.js';

/** Attributes of a reshard that feeds an op: which op and which operand (1-based). */
export interface UseReshardAttrs { readonly user: string; readonly operand: number }
/**
 * Attributes of a reshard that finishes an op's result: the producing op, and for partial sums
 * the combiner and the reduced factors (`contracting` for an einsum), which the explanation names.
 */
export interface ResultReshardAttrs {
  readonly producer: string;
  readonly combiner?: 'sum' | 'max';
  readonly reduced?: readonly string[];
  readonly reduced_kind?: 'contracting' | 'reduced';
  /** For a sum of partial sums reduced once: how many partial sums it adds. */
  readonly terms?: number;
}

/** How the natural result of an op is partial: what finishing it reduces, and how the explanation says it. */
interface Partial {
  readonly combiner: 'sum' | 'max';
  readonly reduced: readonly string[];
  readonly reducedKind: 'contracting' | 'reduced';
  readonly terms?: number;
}

export function insertReshards(input: Module): PassResult {
  const m = cloneModule(input);
  // A value's own `unreduced` annotation is not kept: partial sums complete where they arise.
  for (const v of allValues(m)) {
    if (v.sharding && v.sharding.unreduced.length > 0) v.sharding = { ...v.sharding, unreduced: [] };
  }
  return { module: new ReshardInserter(m).run(), diagnostics: [] };
}

class ReshardInserter {
  private readonly mesh: Mesh;
  private readonly fresh: Fresh;
  private readonly ops: Op[] = [];
  /** The value that holds each global value (by id) once its producer is done. */
  private readonly holder = new Map<number, Value>();
  /** Reshards already made: a value needed in one layout by two ops is resharded once. */
  private readonly made = new Map<string, Value>();
  // the op being rewritten: run() sets it before anything that reads it
  private current!: Op;
  /** Every op's rule and plan, made once before any op is rewritten (pending sums look ahead at them). */
  private readonly plans = new Map<Op, { rule: ShardingRule; plan: OpPlan }>();
  private pending: PendingSums = { deferred: new Set(), summing: new Map() };

  constructor(private readonly m: Module) {
    this.mesh = m.mesh;
    this.fresh = new Fresh(m);
  }

  run(): Module {
    for (const v of [...this.m.inputs, ...this.m.params]) this.holder.set(v.id, v);
    for (const op of this.m.ops) {
      const rule = ruleOf(op);
      this.plans.set(op, { rule, plan: planOp(op, this.mesh, rule) });
    }
    this.pending = pendingSums(this.m, (op) => this.plans.get(op)?.plan, (op) => this.expands(op));
    for (const op of this.m.ops) this.partitionOp(op);
    const outputs = this.m.outputs.map((v) => got(this.holder, v.id, 'this.holder'));
    return { ...this.m, ops: this.ops, outputs, view: 'global' };
  }

  /** True when the op is rewritten as a split normalization (softmax over a split dim, ...). */
  private expands(op: Op): boolean {
    const { rule, plan } = must(this.plans.get(op), 'a plan of every op');
    return SPLIT_NORMALIZATIONS.has(op.kind) && rule.factors.some((f) =>
      f.kind === 'normalized' && (plan.factorAxes.get(f.name)?.length ?? 0) > 0);
  }

  private partitionOp(op: Op): void {
    this.current = op;
    const { rule, plan } = must(this.plans.get(op), 'a plan of every op');
    const sum = this.pending.summing.get(op.id);
    if (sum) {
      this.sumPartials(op, sum);
      return;
    }
    const operands = op.operands.map((g, i) =>
      this.maskPadding(op, rule, plan, this.use(g, checkedAt(plan.operandLayouts, i, 'plan.operandLayouts'), op, i), g,
        i));
    const results = op.results.map((g, i) => {
      const natural = checkedAt(plan.resultLayouts, i, 'plan.resultLayouts');
      if (plan.partialAxes.length === 0 && layoutsEqual(natural, layoutOf(shardingOf(g)))) return g;
      return this.value(`${g.name}.local`, g.type, natural, g.name, plan.partialAxes);
    });
    const partial = this.partialOf(op, plan);
    if (this.expands(op)) {
      const builder = this.builder(checkedAt(op.results, 0, 'op.results').name);
      const out = expandSplitNormalization(op, checkedAt(operands, 0, 'operands'), checkedAt(plan.operandLayouts, 0,
        'plan.operandLayouts'), builder);
      this.finish(op, out, checkedAt(op.results, 0, 'op.results'), partial);
      return;
    }
    if (opEntry(op.kind)?.partition.partialAs === 'mean' && plan.partialAxes.length > 0) {
      this.splitMean(op, operands, checkedAt(results, 0, 'results'));
    }
    else this.emit(op.kind, operands, op.attrs, results);
    op.results.forEach((g, i) => this.finish(op, checkedAt(results, i, 'results'), g, partial));
  }

  /** What finishing the op's planned result reduces (undefined when its result is complete). */
  private partialOf(op: Op, plan: OpPlan): Partial | undefined {
    if (plan.partialAxes.length === 0) return undefined;
    return {
      combiner: plan.combiner,
      reduced: [...plan.factorAxes].filter(([, a]) => a.some((x) => plan.partialAxes.includes(x))).map(([f]) => f),
      reducedKind: opEntry(op.kind)?.role.contraction ? 'contracting' : 'reduced',
    };
  }

  /** An op that adds partial sums as they are (pending-sums.ts): its result is a partial sum too. */
  private sumPartials(op: Op, sum: PendingSum): void {
    const operands = op.operands.map((g, i) => this.use(g, sum.layout.map((d) => [...d]), op, i));
    const g = checkedAt(op.results, 0, 'op.results');
    const result = this.value(`${g.name}.local`, g.type, sum.layout.map((d) => [...d]), g.name, sum.axes);
    this.emit(op.kind, operands, op.attrs, [result]);
    const partial: Partial = { combiner: 'sum', reduced: sum.reduced, reducedKind: sum.reducedKind, terms: sum.terms };
    this.finish(op, result, g, partial);
  }

  /** A mean over a split dim: sum locally, scale by 1/N of the whole dims; the sum is finished later. */
  private splitMean(op: Op, operands: Value[], result: Value): void {
    const g = checkedAt(op.results, 0, 'op.results');
    const dims = attrStrings(op.attrs, 'dims');
    const inDims = checkedAt(op.operands, 0, 'mean operand').type.dims;
    const count = dims.reduce((n, d) => n * must(inDims.find((x) => x.name === d), `mean dim ${d}`).size, 1);
    const summed: Value = { ...result, id: this.fresh.valueId(), name: this.fresh.name(`${g.name}.sum`) };
    this.emit('reduce_sum', operands, { dims }, [summed]);
    const scalar = tensorType(g.type.dtype, []);
    const scale = this.value(`${g.name}.inv_count`, scalar, [], `${g.name}.inv_count`);
    this.emit('constant', [], { value: 1 / count, dtype: g.type.dtype }, [scale]);
    this.emit('mul', [summed, scale], {}, [result]);
  }

  /** The value of global `g` in `layout` for operand `i` of `op`: a reshard unless it already is. */
  private use(g: Value, layout: Layout, op: Op, i: number): Value {
    const v = got(this.holder, g.id, 'this.holder');
    const from = layoutOf(shardingOf(v));
    if (layoutsEqual(from, layout)) return v;
    const key = `${g.id}#${layout.map((d) => d.join('.')).join('|')}`;
    const made = this.made.get(key);
    if (made) return made;
    let out = v;
    // Tiles already where `layout` wants them (layouts that differ only by size-1 axes): no reshard.
    if (planReshard(this.mesh, g.type.dims.map((d) => d.size), from, layout).steps.length > 0) {
      out = this.value(`${g.name}.reshard`, g.type, layout, g.name);
      const attrs: UseReshardAttrs = { user: op.kind, operand: i + 1 };
      this.emit('reshard', [v], { ...attrs }, [out]);
    }
    this.made.set(key, out);
    return out;
  }

  /**
   * Reshards the op's natural result `v` into global value `g`'s sharding (and completes partial sums),
   * unless `g`'s partial sums are added to others before their reduction: then `v` is the value.
   */
  private finish(op: Op, v: Value, g: Value, partial: Partial | undefined): void {
    const want = layoutOf(shardingOf(g));
    const deferred = partial !== undefined && this.pending.deferred.has(g.id);
    if (v === g || deferred || (!partial && (layoutsEqual(layoutOf(shardingOf(v)), want) ||
      planReshard(this.mesh, g.type.dims.map((d) => d.size), layoutOf(shardingOf(v)), want).steps.length === 0))) {
      // The natural result is the value: it takes the value's name, as the source reads.
      if (v !== g) (v as { name: string }).name = g.name;
      this.holder.set(g.id, v);
      return;
    }
    const attrs: ResultReshardAttrs = partial
      ? {
        producer: op.kind, combiner: partial.combiner, reduced: [...partial.reduced], reduced_kind: partial.reducedKind,
        ...(partial.terms ? { terms: partial.terms } : {}),
      }
      : { producer: op.kind };
    this.emit('reshard', [v], { ...attrs }, [g]);
    this.holder.set(g.id, g);
  }

  /** Zeroes (or -inf's) the padding of dims an op reduces over, where shards are uneven. */
  private maskPadding(op: Op, rule: ShardingRule, plan: OpPlan, v: Value, g: Value, i: number): Value {
    const reduction = new Set(rule.factors.filter((f) => f.kind === 'reduction').map((f) => f.name));
    let cur = v;
    const layout = checkedAt(plan.operandLayouts, i, 'plan.operandLayouts');
    g.type.dims.forEach((d, k) => {
      const factors = rule.operands[i]?.[k] ?? [];
      if (!factors.some((f) => reduction.has(f)) || checkedAt(layout, k, 'layout').length === 0) return;
      const shards = groupSize(this.mesh, checkedAt(layout, k, 'layout'));
      if (d.size % shards === 0) return;
      const fill = opEntry(op.kind)?.partition.paddingFill ?? 0;
      const masked = this.value(`${g.name}.masked`, cur.type, layout, g.name);
      cur = this.emit('mask', [cur], { dim: d.name, axes: checkedAt(layout, k, 'layout'), valid: d.size, fill },
        [masked],
        `${d.name} (size ${d.size}) is split ${shards} ways unevenly: ` +
        `the padding is set to ${fill} before ${op.kind} reduces over it`);
    });
    return cur;
  }

  /** How split-normalization.ts adds ops: global types, shardings from layouts. */
  private builder(globalName: string): LocalBuilder {
    return {
      op: (kind, operands, attrs, type, name, layout, extra = {}) =>
        this.emit(kind, operands, attrs, [this.value(name, type, layout, globalName, extra.unreduced ?? [])],
          extra.reason),
      uneven: (n, axes) => n % groupSize(this.mesh, axes) !== 0,
    };
  }

  private value(name: string, type: TensorType, layout: Layout, globalName: string,
    unreduced: readonly string[] = []): Value {
    return {
      id: this.fresh.valueId(), name: this.fresh.name(name), role: 'op', type, span: this.current.span,
      sharding: layoutSharding(this.mesh, layout, unreduced), globalName,
    };
  }

  /** Appends an op in the current op's place (span, layer); returns its first result. */
  private emit(kind: string, operands: Value[], attrs: Attrs, results: Value[], reason?: string): Value {
    const at = this.current;
    const span: Span = at.span;
    const op: Op = {
      id: this.fresh.opId(), kind, operands, results, attrs, span, ...opPlace(at),
    };
    if (reason) op.reason = reason;
    this.ops.push(op);
    return checkedAt(results, 0, 'results');
  }
}
