// Which remat region each forward op of a model belongs to, by the training compile's choice: the
// regions the source marks (`remat`), none, or every layer instance the model calls directly.

import type { Module, Op } from '../ir/module.js';

/** `marked`: the source's `remat` marks (the default); `none`: ignore them; `all`: every top-level instance. */
export type RematChoice = 'marked' | 'none' | 'all';
export const REMAT_CHOICES: readonly RematChoice[] = ['marked', 'none', 'all'];

/** The forward ops of `m` with Op.remat set as `choice` says (an op object is reused where nothing changes). */
export function withRematRegions(m: Module, choice: RematChoice): Op[] {
  if (choice === 'marked') return m.ops;
  const regionOf = choice === 'none' ? () => undefined : topLevelInstance(m);
  return m.ops.map((op) => {
    const region = regionOf(op);
    if (region === op.remat) return op;
    const { remat: _old, ...rest } = op;
    return region ? { ...rest, remat: region } : rest;
  });
}

/**
 * The outermost layer instance of an op, in Op.layer's form (`ffn h0`). A user path (`pair[3].ffn`) has
 * one segment per level of nesting, so the outermost instance is the one whose path is the first segment.
 */
function topLevelInstance(m: Module): (op: Op) => string | undefined {
  const instances = m.instances ?? [];
  const layerForm = (i: { layer: string; prefix: string }) => `${i.layer} ${i.prefix.replace(/\.$/, '')}`;
  const pathOf = new Map(instances.map((i) => [layerForm(i), i.path]));
  const byPath = new Map(instances.map((i) => [i.path, layerForm(i)]));
  return (op) => {
    if (!op.layer) return undefined;
    const path = pathOf.get(op.layer);
    if (path === undefined) return op.layer;
    const top = path.split('.')[0] ?? path;
    return byPath.get(top) ?? op.layer;
  };
}
