// `explain --train`: the collectives of a partitioned training step, by phase, each backward one said
// as the gradient it serves (a parameter's, or the cotangent of a forward value) at the forward op's line.

import type { Module, Op, Value } from '../ir/module.js';
import { collectiveInfo, formatBytes, groupsText, type CollectiveInfo } from '../partition/spmd-view.js';
import { collectivesOf } from '../partition/partition.js';
import { instancePathOf, userName } from '../ir/user-names.js';

export interface TrainCollectiveInfo extends CollectiveInfo {
  readonly phase: 'forward' | 'recompute' | 'backward' | 'update';
  /** The model param whose gradient this collective completes, when it does. */
  readonly param?: string;
  /** The forward value whose cotangent it moves (backward ops). */
  readonly gradOf?: string;
  /** Why, said for the training step. */
  readonly why: string;
}

/** `replicated` or `split on E over x`: a param's sharding in words. */
function shardingWords(v: Value | undefined): string {
  const s = v?.sharding;
  if (!s || s.dims.every((d) => d.axes.length === 0)) return 'replicated';
  const parts = s.dims.flatMap((d, i) =>
    (d.axes.length ? [`${v?.type.dims[i]?.name ?? i} over ${d.axes.join(', ')}`] : []));
  return `split on ${parts.join(', ')}`;
}

const PHASE_WORD = {
  forward: 'forward pass', recompute: 'recomputed (remat) before the backward pass', backward: 'backward pass',
  update: 'optimizer update',
} as const;

export function trainCollectives(m: Module): TrainCollectiveInfo[] {
  const paramValue = new Map(m.params.map((p) => [p.globalName ?? p.name, p]));
  const reach = gradientsReached(m);
  return collectivesOf(m).map((op) => describe(m, op, reach, paramValue));
}

/**
 * Backward collectives that complete one model param's gradient (all of it, or one of its terms): each with
 * that param's name (the training layout's). The cost report counts them as the gradient sync.
 */
export function gradientCollectiveParams(m: Module): Map<Op, string> {
  const reach = gradientsReached(m);
  const out = new Map<Op, string>();
  for (const op of collectivesOf(m)) {
    const param = reach.get(op.results[0]?.id ?? -1);
    if (op.phase === 'backward' && typeof param === 'string') out.set(op, param);
  }
  return out;
}

/** Flows into the gradients of several params. */
const SEVERAL = null;

/**
 * For each value of the program, the model param whose gradient (output) it flows into, or SEVERAL: a
 * backward collective that feeds exactly one gradient is part of that gradient (all of it, or one of its
 * terms). One name or SEVERAL per value keeps this linear in the program's size.
 */
function gradientsReached(m: Module): Map<number, string | typeof SEVERAL> {
  const reach = new Map<number, string | typeof SEVERAL>();
  const add = (id: number, p: string | typeof SEVERAL) => {
    const had = reach.get(id);
    reach.set(id, had === undefined || had === p ? p : SEVERAL);
  };
  const layout = m.training;
  if (!layout) return reach;
  layout.outputs.grads.forEach((k, i) => {
    const v = m.outputs[k];
    const p = layout.params[i];
    if (v && p) add(v.id, p);
  });
  for (let k = m.ops.length - 1; k >= 0; k--) {
    const op = m.ops[k];
    if (!op) continue;
    let into: string | typeof SEVERAL | undefined;
    for (const r of op.results) {
      const p = reach.get(r.id);
      if (p !== undefined) into = into === undefined || into === p ? p : SEVERAL;
    }
    if (into === undefined) continue;
    for (const v of op.operands) add(v.id, into);
  }
  return reach;
}

function describe(
  m: Module, op: Op, reach: ReadonlyMap<number, string | typeof SEVERAL>, paramValue: ReadonlyMap<string, Value>,
): TrainCollectiveInfo {
  const info = collectiveInfo(m, op);
  const phase = op.phase ?? 'forward';
  const moved = op.results[0]?.globalName ?? op.results[0]?.name ?? '';
  const feeds = reach.get(op.results[0]?.id ?? -1);
  const param = phase === 'backward' && typeof feeds === 'string' ? feeds : undefined;
  const over = info.axes.length ? ` over ${info.axes.join(', ')}` : '';
  let why = info.reason;
  if (param) {
    const p = paramValue.get(param);
    const collective = op.kind.replace(/_/g, '-');
    const from = userName(m, op.gradOf ?? moved);
    const whole = moved === `${param}.grad` ? '' : ` (a term of it, from the backward of \`${from}\`)`;
    const what = `gradient of ${shardingWords(p)} \`${userName(m, param)}\`${whole}`;
    why = `${what}: ${collective}${over} because ${info.reason}`;
  } else if (phase === 'backward' && op.gradOf) {
    why = `backward of \`${userName(m, op.gradOf)}\` (the transpose of its forward op): ${info.reason}`;
  } else if (phase === 'update') {
    why = `optimizer update: ${info.reason}`;
  } else if (phase === 'recompute') {
    const layer = op.remat ? instancePathOf(m, { ...op, layer: op.remat }) : undefined;
    why = `recomputed (remat): a forward op of \`${layer ?? '?'}\` run again for its backward: ${info.reason}`;
  }
  return {
    ...info, phase, why,
    ...(param ? { param: userName(m, param) } : {}), ...(op.gradOf ? { gradOf: userName(m, op.gradOf) } : {}),
  };
}

export function explainTrainText(file: string, m: Module): string {
  const cs = trainCollectives(m);
  const count = (p: TrainCollectiveInfo['phase']) => cs.filter((c) => c.phase === p).length;
  const mesh = `${m.mesh.name} (${m.mesh.axes.map((a) => `${a.name}=${a.size}`).join(', ')})`;
  const plural = cs.length === 1 ? '' : 's';
  const lines = [`${file}: training step (${m.training?.optimizer ?? '?'}): ${cs.length} collective${plural} `
    + `on mesh ${mesh}: ${count('forward')} in the forward pass, `
    + `${count('recompute') ? `${count('recompute')} recomputed (remat), ` : ''}${count('backward')} in the backward `
    + `pass, ${count('update')} in the optimizer update`];
  let k = 0;
  for (const phase of ['forward', 'recompute', 'backward', 'update'] as const) {
    const here = cs.filter((c) => c.phase === phase);
    if (here.length === 0) continue;
    lines.push('', `${PHASE_WORD[phase]}:`);
    for (const c of here) {
      k++;
      const at = `${file}:${c.line}:${c.col}`;
      const over = c.axes.length ? c.axes.join(', ') : 'explicit pairs';
      lines.push('', `${k}. ${c.kind} over ${over}${c.instance ? ` in ${c.instance}` : ''} at ${at}`);
      const groups = c.groups.length ? `, groups ${groupsText(c.groups)}` : '';
      lines.push(`   ${c.from} -> ${c.to}, ${formatBytes(c.bytesPerDevice)} per device${groups}`);
      lines.push(`   why: ${c.why}`);
    }
  }
  const split = (m.training?.params ?? []).filter((p) => !cs.some((c) => c.param === userName(m, p)));
  if (split.length) {
    const each = split.map((p) => {
      const v = m.params.find((x) => (x.globalName ?? x.name) === p);
      return `\`${userName(m, p)}\` (${shardingWords(v)})`;
    });
    lines.push('', `no collective for the gradient of: ${each.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
