// What the three partitioner passes share: their result type, closed shardings built from layouts,
// and name sources that continue a module's names.

import type { Diagnostic, Span } from '@gshard/grammar';
import { allValues, IdSource, type Module } from '../ir/module.js';
import { axisSize, type Mesh } from '../ir/mesh.js';
import { makeSharding, type Sharding } from '../ir/sharding.js';
import { shardingToText } from '../ir/sharding-text.js';
import type { Layout } from './reshard-plan.js';

/** A partitioner pass: a new module (the input is never changed) and what it has to say. */
export interface PassResult {
  readonly module: Module;
  readonly diagnostics: Diagnostic[];
}

export interface PartitionPass {
  readonly name: string;
  readonly run: (m: Module) => PassResult;
}

/** The sharding a value has once its tiles are laid out as `layout` (every dim closed). */
export function layoutSharding(mesh: Mesh, layout: Layout, unreduced: readonly string[] = []): Sharding {
  return makeSharding(mesh, layout.map((axes) => ({ axes, closed: true })), { unreduced });
}

export function layoutText(mesh: Mesh, layout: Layout): string {
  return shardingToText(layoutSharding(mesh, layout));
}

/** Devices in one group along `axes`. */
export function groupSize(mesh: Mesh, axes: readonly string[]): number {
  return axes.reduce((n, a) => n * (axisSize(mesh, a) ?? 1), 1);
}

/**
 * Fresh value ids, op ids and names for a pass that adds to module `m`: ids continue after `m`'s,
 * and every name of `m` (but those in `drop`) is claimed first, so a new name collides only with
 * a base claimed again (`x.all_gather`, then `x.all_gather.1`), in the order the pass claims them.
 */
export class Fresh {
  private nextValue: number;
  private nextOp: number;
  private readonly names = new IdSource();
  private readonly claimed = new Set<string>();

  constructor(m: Module, drop: ReadonlySet<number> = new Set()) {
    const values = allValues(m);
    this.nextValue = values.reduce((n, v) => Math.max(n, v.id + 1), 0);
    this.nextOp = m.ops.reduce((n, op) => Math.max(n, op.id + 1), 0);
    for (const v of values) if (!drop.has(v.id)) this.name(v.name);
  }

  valueId(): number {
    return this.nextValue++;
  }

  opId(): number {
    return this.nextOp++;
  }

  name(base: string): string {
    const name = this.names.uniqueName(base);
    this.claimed.add(name);
    return name;
  }

  /** Whether some value already has this exact name. */
  taken(name: string): boolean {
    return this.claimed.has(name);
  }

  /** Marks `name` as used (a value renamed to it without going through name()). */
  take(name: string): void {
    this.claimed.add(name);
  }
}

/** "einsum at 10:7": where an op is, as the explanations say it. */
export function opWhere(kind: string, span: Span): string {
  return `${kind} at ${span.start.line}:${span.start.col}`;
}
