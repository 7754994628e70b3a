// The cost-hbm-overflow diagnostic: over 16 GiB per core, name the largest tensors and what splitting each would save.

import type { Module, Value } from '../ir/module.js';
import { typeToStringWithSizes } from '../ir/types.js';
import type { MemoryReport } from './memory.js';
import { userName } from '../ir/user-names.js';

export interface CostDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly valueName?: string;
}

export function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

/** Mesh axes a value is not split over (size > 1): the ways it could still be split. */
function freeAxes(module: Module, v: Value): { name: string; size: number }[] {
  const used = new Set(v.sharding?.dims.flatMap((d) => d.axes) ?? []);
  return module.mesh.axes.filter((a) => a.size > 1 && !used.has(a.name));
}

/** How the step was costed, for hints that name the option that would help. */
export interface HbmContext { readonly train: boolean; readonly remat: boolean; readonly rematMode: string }

/**
 * Over HBM: one summary (at the largest tensor, so an editor and the CLI point at what overflows) and the largest
 * tensors, each with what splitting it would save. The hints name the option that fixes it when there is one.
 */
export function hbmDiagnostics(
  module: Module, memory: MemoryReport, hbmBytes: number, ctx?: HbmContext,
): CostDiagnostic[] {
  if (memory.peakBytes <= hbmBytes) return [];
  const out: CostDiagnostic[] = [];
  const over = memory.peakBytes - hbmBytes;
  const rematHint = !ctx?.train ? ''
    : ctx.remat ? ' (already rematerialised: only layer inputs are kept; split the largest tensors below over more '
        + 'devices)'
      : '; rerun with --remat=all to keep only layer inputs for the backward (or --remat=auto, which does so only '
        + 'when needed)';
  // The values of one statement (`h = relu(einsum(...))`, in every instance of its layer) with one
  // type are one finding: say it once, on the widest span (the whole right-hand side).
  const byStatement = new Map<string, MemoryReport['largest'][number]>();
  for (const item of memory.largest) {
    const key = `${item.value.span.start.line}:${typeToStringWithSizes(item.value.type)}`;
    const prior = byStatement.get(key);
    const width = (v: Value) => v.span.end.offset - v.span.start.offset;
    if (!prior) byStatement.set(key, item);
    else if (width(item.value) > width(prior.value)) byStatement.set(key, { ...item, bytes: prior.bytes });
  }
  const largest = [...byStatement.values()];
  // The summary sits on the largest tensor (not the file's first line), where the fix goes.
  const top = largest[0]?.value;
  out.push({
    code: 'cost-hbm-overflow', severity: 'error', ...(top ? { valueName: top.name } : {}),
    message: `needs ${gib(memory.peakBytes)} of HBM per core but a TPU-v3 core has ${gib(hbmBytes)} (over by ` +
      `${gib(over)}): `
      + `params ${gib(memory.paramBytes)}, gradients ${gib(memory.gradientBytes)}, optimizer ` +
        `${gib(memory.optimizerBytes)}, `
      + `saved activations ${gib(memory.savedActivationBytes)}, transient ${gib(memory.transientPeakBytes)}`
      + rematHint,
  });
  const noAxis = 'it is already split over every mesh axis; ' + (ctx?.train && !ctx.remat
    ? '--remat=all would keep it only while its layer runs' : 'a larger mesh would shrink it');
  for (const { value, bytes, kind } of largest.slice(0, 5)) {
    const axes = freeAxes(module, value);
    const best = axes.reduce<{ name: string; size: number } | undefined>((m, a) => (!m || a.size > m.size ? a : m),
      undefined);
    const hint = best
      ? `splitting it over mesh axis '${best.name}' (${best.size} ways) would save ` +
        `${gib(bytes * (1 - 1 / best.size))} per core`
      : noAxis;
    out.push({
      code: 'cost-hbm-overflow', severity: 'error', valueName: value.name,
      message: `large ${kind} ${userName(module, value.name)}: ${typeToStringWithSizes(value.type)} is ` +
        `${gib(bytes)} per core; ${hint}`,
    });
  }
  return out;
}
