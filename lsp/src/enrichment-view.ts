// What the main thread reads of the slow stages' result (implemented by Enrichment in enrichment.ts).
// A leaf of the import graph: doc-model.ts and describe.ts read results without importing the code
// that makes them (which imports costs.ts, which imports them).

import type { Op, ShardingOrigin, Sharding, TensorType } from '@gshard/compiler';
import type { Diagnostic, Span } from '@gshard/grammar';
import type { TrainingDetail } from './training.js';

export interface CollectiveInfo {
  readonly kind: string;
  readonly attrs: Op['attrs'];
  readonly reason?: string;
  readonly span: Span;
  readonly operand?: { readonly name: string; readonly type: TensorType };
}

export interface EnrichmentView {
  readonly diagnostics: readonly Diagnostic[];
  readonly propagated: boolean;
  readonly partitioned: boolean;
  /** The sharding propagation gave value `name`; undefined when it has none. */
  shardingOf(name: string): Sharding | undefined;
  /** Where the sharding of value `name` came from. */
  originOf(name: string): ShardingOrigin | undefined;
  readonly collectives: readonly CollectiveInfo[];
  /** Per-device FLOPs of the SPMD ops whose source lies inside `span`. */
  localFlopsWithin(span: Span): number;
  /** The training step (training mode only): its cost and each param's gradient sharding. */
  readonly training?: TrainingDetail | undefined;
}
