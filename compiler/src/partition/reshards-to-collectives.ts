// Partitioner pass 2, `reshards-to-collectives` (global IR -> global IR): each `reshard` becomes
// the collectives lower-reshard.ts picks, each explained (`op.reason`). A reshard's steps are
// named after the global value they move (`x.all_gather`); the last step of a reshard that
// finishes an op's result keeps the value's own name when nothing else took it, so the program
// reads like the source. Also reports full rematerializations (diagnostic `shard-full-remat`).

import type { Diagnostic } from '@gshard/grammar';
import { type Module, type Op, type Value, opPlace, shardingOf } from '../ir/module.js';
import { jaxTypeString, shardingToText } from '../ir/sharding-text.js';
import { layoutOf } from './reshard-plan.js';
import { lowerReshard, type ReshardWhy } from './lower-reshard.js';
import { Fresh, layoutSharding, layoutText, opWhere, type PassResult } from './pass-support.js';
import type { ResultReshardAttrs, UseReshardAttrs } from './insert-reshards.js';
import { opEntry } from '../ops/registry.js';
import { at } from '../util/checked.js';

export function reshardsToCollectives(input: Module): PassResult {
  const reshards = input.ops.filter((op) => opEntry(op.kind)?.partition.isReshard);
  // The results of reshards get new names (their steps'); the rest keep theirs.
  const fresh = new Fresh(input, new Set(reshards.map((op) => op.results[0]!.id)));
  const replaced = new Map<number, Value>();
  const copy = (v: Value): Value => {
    let c = replaced.get(v.id);
    if (!c) {
      c = { ...v };
      replaced.set(v.id, c);
    }
    return c;
  };
  const ops: Op[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const op of input.ops) {
    const operands = op.operands.map(copy);
    if (!opEntry(op.kind)?.partition.isReshard) {
      ops.push({ ...op, operands, results: op.results.map(copy) });
      continue;
    }
    const lowered = lowerOne(input, op, at(operands, 0, 'operands'), copy(at(op.results, 0, 'op.results')), fresh,
      diagnostics);
    // Nothing to move (the tiles already line up): later ops read the source itself.
    if (lowered.length === 0) replaced.set(op.results[0]!.id, operands[0]!);
    ops.push(...lowered);
  }
  const module: Module = {
    ...input, inputs: input.inputs.map(copy), params: input.params.map(copy), ops, outputs: input.outputs.map(copy),
  };
  return { module, diagnostics };
}

/**
 * The ops of one reshard of `source` into `target`. `target` (the value later ops use) becomes the
 * last step's result, so its uses need no rewriting.
 */
function lowerOne(m: Module, op: Op, source: Value, target: Value, fresh: Fresh, diagnostics: Diagnostic[]): Op[] {
  const mesh = m.mesh;
  const where = opWhere(String(op.attrs['user'] ?? op.attrs['producer'] ?? 'reshard'), op.span);
  const isUse = op.attrs['user'] !== undefined;
  // The global value moved: named by its global name (a finished value may carry a step's name).
  const globalName = isUse ? (source.globalName ?? source.name) : (target.globalName ?? target.name);
  const result = op.attrs as unknown as ResultReshardAttrs;
  const why: ReshardWhy = isUse
    ? { kind: 'use', where, role: `operand ${(op.attrs as unknown as UseReshardAttrs).operand}`, value: globalName }
    : {
      kind: 'result', where, value: globalName,
      ...(result.reduced ? { reduced: { kind: result.reduced_kind ?? 'reduced', dims: result.reduced } } : {}),
      ...(result.terms ? { terms: result.terms } : {}),
    };
  const to = layoutOf(shardingOf(target));
  const lowered = lowerReshard({
    mesh, type: source.type, from: layoutOf(shardingOf(source)), unreduced: shardingOf(source).unreduced,
    combiner: result.combiner ?? 'sum', to, why,
  });
  if (lowered.fullRemat) {
    diagnostics.push(fullRematDiagnostic(m, op, source, target, lowered.reduced, to, where, globalName, isUse));
  }
  if (lowered.steps.length === 0) return [];
  const out: Op[] = [];
  let cur = source;
  lowered.steps.forEach((s, k) => {
    const last = k === lowered.steps.length - 1;
    // Partial sums complete into the value itself (`%y = all_reduce(%y.local)`).
    const completes = s.kind === 'all_reduce' || s.kind === 'reduce_scatter';
    const name = fresh.name(completes ? globalName : `${globalName}.${s.kind}`);
    const v: Value = last ? target : { id: fresh.valueId(), name, role: 'op', type: source.type, span: op.span };
    Object.assign(v, { name, globalName });
    if (!last || isUse) v.sharding = layoutSharding(mesh, s.layout);
    const step: Op = {
      id: fresh.opId(), kind: s.kind, operands: [cur], results: [v], attrs: s.attrs, span: op.span,
      ...opPlace(op),
    };
    step.reason = s.reason;
    out.push(step);
    cur = v;
  });
  if (!isUse && cur.name !== globalName && !fresh.taken(globalName)) {
    (cur as { name: string }).name = globalName;
    fresh.take(globalName);
  }
  return out;
}

function fullRematDiagnostic(m: Module, op: Op, source: Value, target: Value, reduced: string[][], to: string[][],
  where: string, name: string, isUse: boolean): Diagnostic {
  if (isUse) {
    return {
      code: 'shard-full-remat', severity: 'warning', span: op.span,
      message: `${where} needs ${name} (${jaxTypeString(source.type, shardingOf(source))}) as ` +
        `${jaxTypeString(source.type, layoutSharding(m.mesh, to))}, which only an all-gather of the whole dims ` +
        'followed by a slice can give (full rematerialization). ' +
        `Annotate ${name} @ ${layoutText(m.mesh, to)} to avoid it.`,
      annotate: { value: name, sharding: layoutText(m.mesh, to) },
      related: [{ message: `${name} is defined here`, span: source.span }],
    };
  }
  return {
    code: 'shard-full-remat', severity: 'warning', span: op.span,
    message: `${where} produces ${name} as ${layoutText(m.mesh, reduced)} but it is sharded ` +
      `${shardingToText(shardingOf(target))}; only an all-gather then slice gets there (full rematerialization). ` +
      `Annotate ${name} @ ${layoutText(m.mesh, reduced)} to avoid it.`,
    annotate: { value: name, sharding: layoutText(m.mesh, reduced) },
  };
}
