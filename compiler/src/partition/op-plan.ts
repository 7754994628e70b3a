// How one op runs on the mesh: which axes each of its factors is split on. From that follow the
// layouts its operands must have, the layout its result comes out in, and the axes over which the
// result is a partial sum. Candidates are compared by the bytes their reshards would move.

import { shardingOf, type Op } from '../ir/module.js';
import type { Factor, ShardingRule } from '../ir/op-def.js';
import { opEntry as opDef } from '../ops/registry.js';
import { DTYPE_BYTES, type TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import { dimFactors, projectDim, unprojectDim } from '../sharding/factor-projection.js';
import { localShape } from '../ir/sharding.js';
import { layoutOf, planReshard, type Layout, type ReshardPlan } from './reshard-plan.js';
import { at, must } from '../util/checked.js';

export interface OpPlan {
  readonly factorAxes: ReadonlyMap<string, readonly string[]>;
  /** Layout each operand must have for the local op. */
  readonly operandLayouts: Layout[];
  /** Layout each result comes out in. */
  readonly resultLayouts: Layout[];
  /** Axes of reduction factors: the local result is a partial sum (or max) over them. */
  readonly partialAxes: string[];
  readonly combiner: 'sum' | 'max';
  /** Which candidate won, for `explain`. */
  readonly source: 'operands' | 'result' | 'replicated';
  readonly cost: number;
}

const bytesOf = (mesh: Mesh, type: TensorType, layout: Layout): number =>
  localShape(type.dims.map((d) => d.size), { mesh: mesh.name, dims: layout.map((axes) => ({ axes, closed: true })),
    replicated: [], unreduced: [] }, mesh)
    .reduce((n, s) => n * s, 1) * DTYPE_BYTES[type.dtype];

/** Bytes each device sends for a reshard plan (a slice is free; the fallback is charged). */
export function reshardCost(mesh: Mesh, type: TensorType, from: Layout, plan: ReshardPlan): number {
  const cur = from.map((d) => [...d]);
  let cost = 0;
  for (const s of plan.steps) {
    if (s.kind === 'all_gather') {
      cur[s.dim] = at(cur, s.dim, 'cur').slice(0, at(cur, s.dim, 'cur').length - s.axes.length);
      cost += bytesOf(mesh, type, cur);
    } else if (s.kind === 'all_to_all') {
      cost += bytesOf(mesh, type, cur);
      cur[s.concatDim] = at(cur, s.concatDim, 'cur').slice(0, at(cur, s.concatDim, 'cur').length - 1);
      cur[s.splitDim] = [...at(cur, s.splitDim, 'cur'), ...s.axes];
    } else if (s.kind === 'collective_permute') {
      cost += bytesOf(mesh, type, cur);
    } else {
      cur[s.dim] = [...at(cur, s.dim, 'cur'), ...s.axes];
    }
  }
  return cost;
}

/** The op's sharding rule (factors per dim), from the op table. */
export function ruleOf(op: Op): ShardingRule {
  return must(opDef(op.kind), `registry entry of ${op.kind}`).rule(op.operands.map((v) => v.type),
    op.results.map((v) => v.type), op.attrs);
}

/** Plans every candidate and keeps the cheapest (ties go to the operand-driven one). */
export function planOp(op: Op, mesh: Mesh, rule: ShardingRule = ruleOf(op)): OpPlan {
  const nOps = op.operands.length;
  const tensors = [...op.operands, ...op.results];
  const layouts = tensors.map((v) => layoutOf(shardingOf(v)));
  const factors = tensors.map((_, t) => dimFactors(rule, t, nOps));
  const byName = new Map(rule.factors.map((f) => [f.name, f]));

  const fromTensors = (order: number[]): Map<string, string[]> => {
    const chosen = new Map<string, string[]>();
    const used = new Set<string>();
    for (const t of order) {
      at(factors, t, 'factors').forEach((fs, d) => {
        const projected = projectDim(mesh, at(at(layouts, t, 'layouts'), d, 'layout'), fs);
        for (const [name, axes] of projected) {
          if (axes.length === 0 || chosen.has(name) || byName.get(name)?.kind === 'blocked') continue;
          if (axes.some((a) => used.has(a))) continue;
          chosen.set(name, axes);
          axes.forEach((a) => used.add(a));
        }
      });
    }
    return chosen;
  };
  const operandsFirst = [...Array(tensors.length).keys()];
  const resultsFirst = [...operandsFirst.slice(nOps), ...operandsFirst.slice(0, nOps)];
  const candidates: [OpPlan['source'], Map<string, string[]>][] = [
    ['operands', fromTensors(operandsFirst)],
    ['result', fromTensors(resultsFirst)],
    ['replicated', new Map()],
  ];
  let best: OpPlan | undefined;
  for (const [source, axes] of candidates) {
    const plan = completePlan(op, mesh, rule, factors, normalize(mesh, factors, axes, byName), source);
    if (!best || plan.cost < best.cost) best = plan;
  }
  return must(best, 'a plan of the three candidates');
}

/**
 * Drops factor axes some tensor cannot express (a compound dim whose major factor is not fully
 * split), so every tensor's layout projects back onto exactly the chosen factor axes.
 */
function normalize(mesh: Mesh, factors: Factor[][][], chosen: Map<string, string[]>,
  byName: ReadonlyMap<string, Factor>): Map<string, string[]> {
  const out = new Map(chosen);
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const tensor of factors) {
      for (const fs of tensor) {
        const dimAxes = unprojectDim(mesh, out, fs);
        const back = projectDim(mesh, dimAxes, fs);
        for (const f of fs) {
          const want = out.get(f.name) ?? [];
          const got = back.get(f.name) ?? [];
          if (want.length !== got.length) {
            out.set(f.name, []);
            changed = true;
          }
        }
      }
    }
    if (!changed) break;
  }
  for (const [name] of out) if (byName.get(name)?.kind === 'blocked') out.set(name, []);
  return out;
}

function completePlan(op: Op, mesh: Mesh, rule: ShardingRule, factors: Factor[][][], axes: Map<string, string[]>,
  source: OpPlan['source']): OpPlan {
  const nOps = op.operands.length;
  const layoutFor = (t: number): Layout => at(factors, t, 'factors').map((fs) => unprojectDim(mesh, axes, fs));
  const operandLayouts = op.operands.map((_, i) => layoutFor(i));
  const resultLayouts = op.results.map((_, i) => layoutFor(nOps + i));
  const partialAxes: string[] = [];
  let combiner: 'sum' | 'max' = 'sum';
  for (const f of rule.factors) {
    if (f.kind !== 'reduction') continue;
    const a = axes.get(f.name) ?? [];
    if (a.length > 0) {
      partialAxes.push(...a);
      if (f.combiner === 'max') combiner = 'max';
    }
  }
  let cost = 0;
  op.operands.forEach((v, i) => {
    const from = layoutOf(shardingOf(v));
    cost += reshardCost(mesh, v.type, from, planReshard(mesh, v.type.dims.map((d) => d.size), from,
      at(operandLayouts, i, 'operandLayouts')));
  });
  op.results.forEach((v, i) => {
    const natural = at(resultLayouts, i, 'resultLayouts');
    if (partialAxes.length > 0) cost += 2 * bytesOf(mesh, v.type, natural);
    cost += reshardCost(mesh, v.type, natural, planReshard(mesh, v.type.dims.map((d) => d.size), natural,
      layoutOf(shardingOf(v))));
  });
  return { factorAxes: axes, operandLayouts, resultLayouts, partialAxes, combiner, source, cost };
}
