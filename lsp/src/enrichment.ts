// What the slow stages add to a checked analysis: each value's sharding and origin, the collectives
// with their reasons, and the per-device FLOPs of the SPMD program. It crosses the worker-thread
// boundary as a few small fields plus `detail`, UTF-8 JSON in an ArrayBuffer that is transferred,
// not copied: cloning the object graph cost the main thread 28-37 ms (and ~37k objects to keep and
// collect) for a 2,000-line file. `detail` is parsed on the first feature that asks (hover, hints,
// lenses), so a result that is stale on arrival costs nothing, and origins one value at a time.

import type { Analysis, ShardingOrigin, Sharding } from '@gshard/compiler';
import { allValues } from '@gshard/compiler';
import type { Diagnostic, Span } from '@gshard/grammar';
import { COLLECTIVE_KINDS, opFlops } from './costs.js';
import type { CollectiveInfo, EnrichmentView } from './enrichment-view.js';
import type { TrainingDetail } from './training.js';

export type { CollectiveInfo } from './enrichment-view.js';

/** The slow stages' result as it is posted from the worker. */
export interface EnrichmentWire {
  /** Diagnostics of the whole pipeline for the real text, cost diagnostics included (needed at once). */
  readonly diagnostics: Diagnostic[];
  readonly propagated: boolean;
  readonly partitioned: boolean;
  /** UTF-8 JSON of a `Detail`; its buffer is transferred to the main thread. */
  readonly detail: Uint8Array;
}

/** Flat arrays, so that parsing makes few objects. */
interface Detail {
  /** Distinct shardings (a model has a handful; values point into this table). */
  readonly shardings: Sharding[];
  /** Per value: name, index into `shardings`, origin as JSON ('' when none). */
  readonly values: (string | number)[];
  readonly collectives: CollectiveInfo[];
  /** Per SPMD op that does work: start offset, end offset, per-device FLOPs. */
  readonly work: number[];
  /** The training step (cost and gradient shardings), when the editor asked for it (`gshard.costMode`). */
  readonly training?: TrainingDetail;
}

/** Runs where the slow stages ran (the worker): reduces an analysis to its wire form. */
export function enrich(a: Analysis, diagnostics: Diagnostic[], training?: TrainingDetail): EnrichmentWire {
  const shardings: Sharding[] = [];
  const shardingIndex = new Map<string, number>();
  const values: Detail['values'] = [];
  if (a.sharded) {
    for (const v of allValues(a.sharded)) {
      if (!v.sharding) continue;
      const key = JSON.stringify(v.sharding);
      let i = shardingIndex.get(key);
      if (i === undefined) { i = shardings.length; shardings.push(v.sharding); shardingIndex.set(key, i); }
      values.push(v.name, i, v.origin ? JSON.stringify(v.origin) : '');
    }
  }
  const collectives: CollectiveInfo[] = [];
  const work: number[] = [];
  for (const op of a.spmd?.ops ?? []) {
    if (COLLECTIVE_KINDS.has(op.kind)) {
      const o = op.operands[0];
      collectives.push({
        kind: op.kind, attrs: op.attrs, span: op.span,
        ...(op.reason ? { reason: op.reason } : {}),
        ...(o ? { operand: { name: o.name, type: o.type } } : {}),
      });
    } else {
      const flops = opFlops(op);
      if (flops > 0) work.push(op.span.start.offset, op.span.end.offset, flops);
    }
  }
  const detail: Detail = { shardings, values, collectives, work, ...(training ? { training } : {}) };
  const bytes = new TextEncoder().encode(JSON.stringify(detail));
  return { diagnostics, propagated: a.sharded !== undefined, partitioned: a.spmd !== undefined, detail: bytes };
}

/** The main thread's view of a wire result, decoded on demand. */
export class Enrichment implements EnrichmentView {
  private parsed?: Detail;
  /** Value name -> its position in `values`. */
  private index?: Map<string, number>;
  private readonly origins = new Map<string, ShardingOrigin | undefined>();

  constructor(private readonly wire: EnrichmentWire) {}

  get diagnostics(): readonly Diagnostic[] { return this.wire.diagnostics; }
  get propagated(): boolean { return this.wire.propagated; }
  get partitioned(): boolean { return this.wire.partitioned; }

  private get detail(): Detail {
    this.parsed ??= JSON.parse(new TextDecoder().decode(this.wire.detail)) as Detail;
    return this.parsed;
  }

  /** The sharding propagation gave value `name`; undefined when it has none. */
  shardingOf(name: string): Sharding | undefined {
    const at = this.position(name);
    return at === undefined ? undefined : this.detail.shardings[this.detail.values[at + 1] as number];
  }

  /** Where the sharding of value `name` came from (parsed on first use, then kept). */
  originOf(name: string): ShardingOrigin | undefined {
    if (!this.origins.has(name)) {
      const at = this.position(name);
      const json = at === undefined ? '' : this.detail.values[at + 2] as string;
      this.origins.set(name, json ? JSON.parse(json) as ShardingOrigin : undefined);
    }
    return this.origins.get(name);
  }

  private position(name: string): number | undefined {
    if (!this.index) {
      const values = this.detail.values;
      this.index = new Map();
      for (let i = 0; i < values.length; i += 3) this.index.set(values[i] as string, i);
    }
    return this.index.get(name);
  }

  get collectives(): readonly CollectiveInfo[] { return this.detail.collectives; }

  /** The training step, when it was asked for (training mode). */
  get training(): TrainingDetail | undefined { return this.detail.training; }

  /** Per-device FLOPs of the SPMD ops whose source lies inside `span`. */
  localFlopsWithin(span: Span): number {
    const w = this.detail.work;
    let n = 0;
    // hot loop over (start, end, flops) triples: i + 2 < w.length because w.length is a multiple of 3
    for (let i = 0; i < w.length; i += 3) {
      // in range (see above)
      if (span.start.offset <= w[i]! && w[i + 1]! <= span.end.offset) n += w[i + 2]!;
    }
    return n;
  }
}
