// The SPMD partitioner: turns the propagated global IR into one per-device program. For each op it
// picks a plan (op-plan.ts), reshards operands with explicit collectives (reshard-plan.ts), masks
// padding where it would corrupt a reduction, runs the op on local shapes, and finishes partial
// sums with an all-reduce or reduce-scatter. Every collective records why it is there.

import type { Diagnostic, Span } from '@gshard/grammar';
import { IdSource, type Attrs, type Module, type Op, type Value, type AttrValue } from '../ir/module.js';
import { attrString, attrStrings } from '../ir/op-def.js';
import { opEntry as opDef, COMMUNICATING_OPS } from '../ops/registry.js';
import { tensorType, type TensorType } from '../ir/types.js';
import { axisSize, type Mesh } from '../ir/mesh.js';
import { localShape, makeSharding, type Sharding } from '../ir/sharding.js';
import { shardingToText, jaxTypeString } from '../ir/sharding-text.js';
import { planOp, type OpPlan } from './op-plan.js';
import { layoutOf, layoutsEqual, planReshard, sliceAligned, type Layout, type ReshardStep } from './reshard-plan.js';
import { expandSplitNormalization, SPLIT_NORMALIZATIONS, type LocalBuilder } from './split-normalization.js';

export interface PartitionResult {
  readonly module: Module;
  readonly diagnostics: Diagnostic[];
}

const layoutKey = (l: Layout) => l.map((d) => d.join('.')).join('|');

export function partitionModule(global: Module): PartitionResult {
  const mesh = global.mesh;
  const ids = new IdSource();
  const ops: Op[] = [];
  const diagnostics: Diagnostic[] = [];
  const local = new Map<number, Value>();
  const reshards = new Map<string, Value>();

  const shardingOf = (layout: Layout, unreduced: readonly string[] = []): Sharding =>
    makeSharding(mesh, layout.map((axes) => ({ axes, closed: true })), { unreduced });
  const localTypeOf = (type: TensorType, layout: Layout): TensorType => {
    const shape = localShape(type.dims.map((d) => d.size), shardingOf(layout), mesh);
    return tensorType(type.dtype, type.dims.map((d, i) => ({ name: d.name, size: shape[i]! })));
  };
  const newLocal = (name: string, type: TensorType, globalType: TensorType, layout: Layout, span: Span, globalName: string, unreduced: readonly string[] = []): Value => ({
    id: ids.valueId(), name: ids.uniqueName(name), role: 'op', type, span, globalType, globalName, sharding: shardingOf(layout, unreduced),
  });
  let layer: string | undefined;
  const emit = (kind: string, operands: Value[], attrs: Attrs, result: Value, span: Span, reason?: string): Value => {
    const op: Op = { id: ids.opId(), kind, operands, results: [result], attrs, span, ...(layer ? { layer } : {}) };
    if (reason) op.reason = reason;
    ops.push(op);
    return result;
  };
  const sizeAlong = (v: Value, dim: string) => v.type.dims.find((d) => d.name === dim)!.size;
  const withSize = (t: TensorType, dim: string, size: number): TensorType =>
    tensorType(t.dtype, t.dims.map((d) => (d.name === dim ? { name: dim, size } : d)));

  /** Emits the steps of a reshard of `v` (a tile of global value `g`) to `to`; returns the result. */
  const reshard = (v: Value, g: Value, to: Layout, why: string, span: Span, steps: readonly ReshardStep[]): Value => {
    let cur = v;
    let layout = layoutOf(v.sharding!);
    const shape = g.type.dims.map((d) => d.size);
    const step = (kind: string, attrs: Attrs, nextLayout: Layout, reason: string, typeOverride?: TensorType): void => {
      const type = typeOverride ?? localTypeOf(g.type, nextLayout);
      cur = emit(kind, [cur], attrs, newLocal(`${g.name}.${kind}`, type, g.type, nextLayout, span, g.name), span, reason);
      layout = nextLayout;
    };
    /** After concatenating along a dim that ends unsplit, drop the padding past the real size. */
    const trim = (dimName: string, d: number) => {
      if (layout[d]!.length === 0 && sizeAlong(cur, dimName) > shape[d]!) {
        step('slice', { dim: dimName, size: shape[d]! }, layout, `drop the padding of ${dimName} after concatenating its shards`);
      }
    };
    const from = shardingToText(shardingOf(layout));
    for (const s of steps) {
      if (s.kind === 'collective_permute') {
        step('collective_permute', { pairs: s.pairs.map(([a, b]) => [a, b]) }, to, `${why}: same tiles on other devices (${from} -> ${shardingToText(shardingOf(to))}), so a collective permute moves them`);
        continue;
      }
      const groupSize = s.axes.reduce((n, a) => n * (axisSize(mesh, a) ?? 1), 1);
      const next = layout.map((d) => [...d]);
      if (s.kind === 'all_gather') {
        const dimName = g.type.dims[s.dim]!.name;
        next[s.dim] = next[s.dim]!.slice(0, next[s.dim]!.length - s.axes.length);
        const size = sizeAlong(cur, dimName) * groupSize;
        step('all_gather', { axes: s.axes, dim: dimName, size }, next,
          `${why}: dim ${dimName} is split on ${s.axes.join(', ')} here but needed ${next[s.dim]!.length ? `split on ${next[s.dim]!.join(', ')} only` : 'whole'}, so its shards are all-gathered`,
          withSize(cur.type, dimName, size));
        trim(dimName, s.dim);
      } else if (s.kind === 'dynamic_slice') {
        const dimName = g.type.dims[s.dim]!.name;
        next[s.dim] = [...next[s.dim]!, ...s.axes];
        step('dynamic_slice', { axes: next[s.dim]!, dim: dimName, size: localTypeOf(g.type, next).dims[s.dim]!.size, global_size: shape[s.dim]! }, next,
          `${why}: every device already holds the data; it keeps its slice of ${dimName} along ${s.axes.join(', ')} (no communication)`);
      } else {
        const splitName = g.type.dims[s.splitDim]!.name;
        const concatName = g.type.dims[s.concatDim]!.name;
        next[s.concatDim] = next[s.concatDim]!.slice(0, next[s.concatDim]!.length - 1);
        next[s.splitDim] = [...next[s.splitDim]!, ...s.axes];
        const splitSize = localTypeOf(g.type, next).dims[s.splitDim]!.size;
        if (sizeAlong(cur, splitName) < splitSize * groupSize) {
          step('pad', { dim: splitName, size: splitSize * groupSize }, layout, `pad ${splitName} so it splits evenly into ${groupSize} chunks`, withSize(cur.type, splitName, splitSize * groupSize));
        }
        const concatSize = sizeAlong(cur, concatName) * groupSize;
        step('all_to_all', { axes: s.axes, split_dim: splitName, concat_dim: concatName, split_size: splitSize, concat_size: concatSize }, next,
          `${why}: the split on ${s.axes.join(', ')} moves from dim ${concatName} to dim ${splitName} (${from} -> ${shardingToText(shardingOf(next))})`,
          withSize(withSize(cur.type, splitName, splitSize), concatName, concatSize));
        trim(concatName, s.concatDim);
      }
    }
    return cur;
  };

  /** The local value of global value `g` in `layout`, resharding (once, cached) if needed. */
  const inLayout = (g: Value, layout: Layout, consumer: Op, role: string): Value => {
    const v = local.get(g.id)!;
    if (layoutsEqual(layoutOf(v.sharding!), layout)) return v;
    const key = `${g.id}#${layoutKey(layout)}`;
    const cached = reshards.get(key);
    if (cached) return cached;
    const plan = planReshard(mesh, g.type.dims.map((d) => d.size), layoutOf(v.sharding!), layout);
    const where = `${consumer.kind} at ${consumer.span.start.line}:${consumer.span.start.col}`;
    if (plan.fullRemat) {
      diagnostics.push({
        code: 'shard-full-remat', severity: 'warning', span: consumer.span,
        message: `${where} needs ${g.name} (${jaxTypeString(g.type, g.sharding!)}) as ${jaxTypeString(g.type, shardingOf(layout))}, which only an all-gather of the whole dims followed by a slice can give (full rematerialization). Annotate ${g.name} @ ${shardingToText(shardingOf(layout))} to avoid it.`,
        related: [{ message: `${g.name} is defined here`, span: g.span }],
      });
    }
    const out = reshard(v, g, layout, `${where} needs ${role} ${g.name} as ${shardingToText(shardingOf(layout))}`, consumer.span, plan.steps);
    reshards.set(key, out);
    return out;
  };

  const builder: LocalBuilder = {
    op: (kind, operands, attrs, type, name, layout, extra = {}) =>
      emit(kind, operands, attrs, newLocal(name, type, extra.globalType ?? type, layout, currentSpan, currentGlobalName, extra.unreduced ?? []), currentSpan, extra.reason),
    uneven: (n, axes) => n % axes.reduce((k, a) => k * (axisSize(mesh, a) ?? 1), 1) !== 0,
  };
  let currentGlobalName = '';
  let currentSpan: Span = global.ops[0]?.span ?? { start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } };

  // Inputs and params: each device holds its tile.
  const inputs = global.inputs.map((g) => localArg(g));
  const params = global.params.map((g) => localArg(g));
  function localArg(g: Value): Value {
    const layout = layoutOf(g.sharding!);
    const v: Value = { ...newLocal(g.name, localTypeOf(g.type, layout), g.type, layout, g.span, g.name), role: g.role };
    if (g.annotation) v.annotation = g.annotation;
    local.set(g.id, v);
    return v;
  }

  for (const op of global.ops) partitionOp(op);

  function partitionOp(op: Op): void {
    layer = op.layer;
    currentSpan = op.span;
    currentGlobalName = op.results[0]?.name ?? '';
    const plan: OpPlan = planOp(op, mesh);
    const operands = op.operands.map((g, i) => maskPadding(op, plan, inLayout(g, plan.operandLayouts[i]!, op, `operand ${i + 1}`), g, i));
    const results = op.results.map((g, i) => {
      const layout = plan.resultLayouts[i]!;
      return newLocal(g.name + (needsFinish(g, plan, i) ? '.local' : ''), localTypeOf(g.type, layout), g.type, layout, op.span, g.name, plan.partialAxes);
    });
    const attrs = localAttrs(op, plan, results);
    if (SPLIT_NORMALIZATIONS.has(op.kind) && normalizedSplit(op, plan)) {
      const out = expandSplitNormalization(op, operands[0]!, plan.operandLayouts[0]!, builder);
      local.set(op.results[0]!.id, finish(op, plan, out, op.results[0]!, 0));
      return;
    }
    if (op.kind === 'reduce_mean' && plan.partialAxes.length > 0) {
      // A mean over a split dim: sum locally, scale by 1/N of the whole dims, then all-reduce.
      const count = attrStrings(op.attrs, 'dims').reduce((n, d) => n * op.operands[0]!.type.dims.find((x) => x.name === d)!.size, 1);
      const summed = emit('reduce_sum', operands, { dims: attrStrings(op.attrs, 'dims') }, { ...results[0]!, name: ids.uniqueName(`${op.results[0]!.name}.sum`), id: ids.valueId() }, op.span);
      const scale = emit('constant', [], { value: 1 / count, dtype: op.results[0]!.type.dtype }, newLocal(`${op.results[0]!.name}.inv_count`, tensorType(op.results[0]!.type.dtype, []), tensorType(op.results[0]!.type.dtype, []), [], op.span, `${op.results[0]!.name}.inv_count`), op.span);
      emit('mul', [summed, scale], {}, results[0]!, op.span);
    } else {
      ops.push({ id: ids.opId(), kind: op.kind, operands, results, attrs, span: op.span, ...(layer ? { layer } : {}) });
    }
    op.results.forEach((g, i) => local.set(g.id, finish(op, plan, results[i]!, g, i)));
  }

  /** True when the plan keeps a split on the dim the op normalizes along. */
  function normalizedSplit(op: Op, plan: OpPlan): boolean {
    const rule = opDef(op.kind)!.rule(op.operands.map((v) => v.type), op.results.map((v) => v.type), op.attrs);
    return rule.factors.some((f) => f.kind === 'normalized' && (plan.factorAxes.get(f.name)?.length ?? 0) > 0);
  }

  function needsFinish(g: Value, plan: OpPlan, i: number): boolean {
    return plan.partialAxes.length > 0 || !layoutsEqual(plan.resultLayouts[i]!, layoutOf(g.sharding!));
  }

  /** Completes partial sums and reshards the op's natural result into the value's sharding. */
  function finish(op: Op, plan: OpPlan, v: Value, g: Value, i: number): Value {
    let cur = v;
    const want = layoutOf(g.sharding!);
    const where = `${op.kind} at ${op.span.start.line}:${op.span.start.col}`;
    if (plan.partialAxes.length > 0) {
      const reduced = [...plan.factorAxes].filter(([, a]) => a.some((x) => plan.partialAxes.includes(x))).map(([f]) => f);
      const layout = layoutOf(cur.sharding!);
      // Reduce-scatter when the value wants one dim split further on exactly the partial axes.
      // (Only where the finer tiles nest inside the current ones: see sliceAligned.)
      const scatterDim = want.findIndex((axes, d) => axes.length === layout[d]!.length + plan.partialAxes.length &&
        axes.slice(0, layout[d]!.length).every((a, j) => a === layout[d]![j]) && axes.slice(layout[d]!.length).every((a, j) => a === plan.partialAxes[j]) &&
        sliceAligned(mesh, g.type.dims[d]!.size, layout[d]!, plan.partialAxes));
      const dims = `${reduced.length === 1 ? 'dim' : 'dims'} ${reduced.join(', ')}`;
      const kindOfDims = op.kind === 'einsum' ? `contracting ${dims}` : `reduced ${dims}`;
      if (scatterDim >= 0 && plan.combiner === 'sum') {
        const dimName = g.type.dims[scatterDim]!.name;
        const next = layout.map((d) => [...d]);
        next[scatterDim] = [...want[scatterDim]!];
        const groupSize = plan.partialAxes.reduce((n, a) => n * (axisSize(mesh, a) ?? 1), 1);
        const size = localTypeOf(g.type, next).dims[scatterDim]!.size;
        if (sizeAlong(cur, dimName) < size * groupSize) {
          cur = emit('pad', [cur], { dim: dimName, size: size * groupSize }, newLocal(`${g.name}.pad`, withSize(cur.type, dimName, size * groupSize), g.type, layout, op.span, g.name, plan.partialAxes), op.span, `pad ${dimName} so it scatters evenly`);
        }
        cur = emit('reduce_scatter', [cur], { axes: plan.partialAxes, dim: dimName, size }, newLocal(g.name, localTypeOf(g.type, next), g.type, next, op.span, g.name), op.span,
          `${where}: ${kindOfDims} ${reduced.length === 1 ? 'is' : 'are'} split on ${plan.partialAxes.join(', ')}: partial sums are reduce-scattered, leaving ${dimName} split on ${plan.partialAxes.join(', ')}`);
      } else {
        cur = emit('all_reduce', [cur], { axes: plan.partialAxes, combiner: plan.combiner }, newLocal(g.name, cur.type, g.type, layout, op.span, g.name), op.span,
          `${where}: ${kindOfDims} ${reduced.length === 1 ? 'is' : 'are'} split on ${plan.partialAxes.join(', ')}: partial ${plan.combiner === 'max' ? 'maxima' : 'sums'} are all-reduced`);
      }
    }
    if (!layoutsEqual(layoutOf(cur.sharding!), want)) {
      const rp = planReshard(mesh, g.type.dims.map((d) => d.size), layoutOf(cur.sharding!), want);
      if (rp.fullRemat) {
        diagnostics.push({
          code: 'shard-full-remat', severity: 'warning', span: op.span,
          message: `${where} produces ${g.name} as ${shardingToText(cur.sharding!)} but it is sharded ${shardingToText(g.sharding!)}; only an all-gather then slice gets there (full rematerialization). Annotate ${g.name} @ ${shardingToText(makeSharding(mesh, layoutOf(cur.sharding!).map((axes) => ({ axes, closed: true }))))} to avoid it.`,
        });
      }
      cur = reshard(cur, g, want, `${where} produces ${g.name} as ${shardingToText(shardingOf(layoutOf(cur.sharding!)))} but it is used as ${shardingToText(shardingOf(want))}`, op.span, rp.steps);
    }
    return cur;
  }

  /** Zeroes (or -inf's) the padding of dims an op reduces over, where shards are uneven. */
  function maskPadding(op: Op, plan: OpPlan, v: Value, g: Value, i: number): Value {
    const def = opDef(op.kind)!;
    const rule = def.rule(op.operands.map((x) => x.type), op.results.map((x) => x.type), op.attrs);
    const reduction = new Set(rule.factors.filter((f) => f.kind === 'reduction').map((f) => f.name));
    let cur = v;
    const layout = plan.operandLayouts[i]!;
    g.type.dims.forEach((d, k) => {
      const factors = rule.operands[i]?.[k] ?? [];
      if (!factors.some((f) => reduction.has(f)) || layout[k]!.length === 0) return;
      const shards = layout[k]!.reduce((n, a) => n * (axisSize(mesh, a) ?? 1), 1);
      if (d.size % shards === 0) return;
      const fill = op.kind === 'reduce_max' ? -Infinity : 0;
      cur = emit('mask', [cur], { dim: d.name, axes: layout[k]!, valid: d.size, fill: fill === -Infinity ? '-inf' : 0 }, { ...newLocal(`${g.name}.masked`, cur.type, g.type, layout, op.span, g.name) }, op.span,
        `${d.name} (size ${d.size}) is split ${shards} ways unevenly: the padding is set to ${fill === -Infinity ? '-inf' : '0'} before ${op.kind} reduces over it`);
    });
    return cur;
  }

  /** Attributes that depend on local sizes or on which tile a device holds. */
  function localAttrs(op: Op, plan: OpPlan, results: readonly Value[]): Attrs {
    const attrs: Record<string, AttrValue> = { ...op.attrs };
    const r0 = results[0];
    switch (op.kind) {
      case 'reshape':
        attrs['sizes'] = r0!.type.dims.map((d) => d.size);
        break;
      case 'rename':
        attrs['size'] = r0!.type.dims.find((d) => d.name === attrString(op.attrs, 'to'))!.size;
        break;
      case 'iota':
      case 'one_hot': {
        const dim = attrString(op.attrs, 'dim');
        const k = op.results[0]!.type.dims.findIndex((d) => d.name === dim);
        attrs['size'] = r0!.type.dims[k]!.size;
        if (plan.resultLayouts[0]![k]!.length > 0) {
          attrs['offset_axes'] = plan.resultLayouts[0]![k]!;
          attrs['global_size'] = op.results[0]!.type.dims[k]!.size;
        }
        break;
      }
      case 'gather': {
        const dim = attrString(op.attrs, 'dim');
        const k = op.operands[0]!.type.dims.findIndex((d) => d.name === dim);
        if (plan.operandLayouts[0]![k]!.length > 0) {
          attrs['offset_axes'] = plan.operandLayouts[0]![k]!;
          attrs['global_size'] = op.operands[0]!.type.dims[k]!.size;
        }
        break;
      }
    }
    return attrs;
  }

  // The value that finally holds each global value takes its source name, so the program reads
  // like the source (`%expert_outputs` is the all_to_all result, `%expert_outputs.local` before it).
  const taken = new Set([...inputs, ...params, ...ops.flatMap((o) => o.results)].map((v) => v.name));
  for (const op of global.ops) {
    for (const g of op.results) {
      const v = local.get(g.id)!;
      if (v.name !== g.name && !taken.has(g.name)) {
        taken.delete(v.name);
        (v as { name: string }).name = g.name;
        taken.add(g.name);
      }
    }
  }
  const outputs = global.outputs.map((g) => local.get(g.id)!);
  const module: Module = { name: global.name, mesh, inputs, params, ops, outputs, view: 'local' };
  return { module, diagnostics };
}

/** The collectives of a local program, in order. */
export function collectivesOf(m: Module): Op[] {
  return m.ops.filter((op) => COMMUNICATING_OPS.has(op.kind));
}

