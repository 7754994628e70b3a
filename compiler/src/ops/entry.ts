// The shape of one op registry entry: everything the compiler knows about an op kind, in one place.

import type { Attrs, Op, Value } from '../ir/module.js';
import type { DType } from '../ir/types.js';
import type { NDArray } from '../runtime/ndarray.js';
import type { Mesh } from '../ir/mesh.js';
import type { Lowering } from '../emit/stablehlo-ops.js';
import type { JaxLowering } from '../emit/jax-expr.js';
import type { Layout, LocalBuilder } from './split-stats.js';
import type { OpDef } from './signature.js';
import type { WorkFn } from './work.js';
import type { PartitionFacts, RoleFacts } from './pass-facts.js';

/**
 * Where a local op runs: the device's tile index along some mesh axes (major -> minor mixed
 * radix, as `tileIndex` in sharding.ts) and the offset of the tile an operand holds. Absent for
 * the global reference run, where the local-only ops (dynamic_slice, mask, sharded one_hot/gather)
 * are a program error.
 */
export interface DeviceContext {
  readonly deviceId: number;
  tileIndexAlong(axes: readonly string[]): number;
  /** Global index of element 0 of `dim` in the buffer of operand `operand` of `op` (its sharding). */
  operandOffset(op: Op, operand: number, dim: string): number;
}

/** Runs one op on its operands; `ctx` places a local op on its device. Never mutates the operands. */
export type Kernel = (op: Op, args: readonly NDArray[], ctx?: DeviceContext) => NDArray[];

/**
 * A collective on the simulated mesh: `bufs[d]` is device d's operand; returns each device's result.
 * `devices` (ids; every device when undefined) are the devices whose results are built; the others'
 * entries are placeholders (their own operand) that must not be read. Callers always pass it.
 */
export type CollectiveKernel = (
  op: Op, mesh: Mesh, bufs: readonly NDArray[], devices: ReadonlySet<number> | undefined,
) => NDArray[];

/** An op the exporters reject, with the reason (the per-device ops exist only after partitioning). */
export interface NotExported {
  readonly notExported: string;
}

/**
 * How XLA-style fusion treats the op (cost/fusion.ts): `elementwise` fuses into its consumer and
 * takes a matmul's output in VMEM; `reduction` fuses its elementwise producers (reduce_*, softmax,
 * layer_norm, cumsum); `matmul` may take an elementwise consumer as output fusion; `none` neither.
 */
export type FusionClass = 'elementwise' | 'reduction' | 'matmul' | 'none';

/**
 * The alpha-beta model a collective is timed by (cost/collective-time.ts): a ring all-gather, a ring
 * reduce-scatter, both (all-reduce), an all-to-all, or a point-to-point permute.
 */
export type CollectiveTimeModel =
  | 'all_gather_ring' | 'reduce_scatter_ring' | 'all_reduce_rings' | 'all_to_all_routes' | 'permute';

export interface CollectiveFacts {
  readonly time: CollectiveTimeModel;
  /** Who takes part: replica groups over the `axes` attr, or explicit source/target `pairs`. */
  readonly participants: 'groups' | 'pairs';
  readonly kernel: CollectiveKernel;
  /**
   * The collective the backward pass runs for it (its transpose): all-gather <-> reduce-scatter (sized
   * by the forward result), all-to-all and all-reduce themselves, a permute with its pairs reversed.
   * `kind` names a collective (a string: the kind union is derived from these entries).
   */
  readonly transpose: { readonly kind: string; readonly bytes: 'operand' | 'result'; readonly reversePairs: boolean };
}

/**
 * A softmax-like op along a dim split over the mesh, expanded into local ops plus all-reduces
 * (partition/split-normalization.ts runs it).
 */
export type SplitNormalization = (op: Op, x: Value, layout: Layout, b: LocalBuilder) => Value;

/** What a training step keeps of the op for its backward pass (cost/memory.ts). */
export interface TrainingFacts {
  /** Forward values the op's VJP reads. */
  readonly saves: 'operands' | 'result' | 'both' | 'none';
  /**
   * `product`: operand i's gradient needs only the other operands (einsum, mul, max), so an operand is
   * kept only for the others'; `quotient`: div, which needs both; `none`: other ops.
   */
  readonly product: 'product' | 'quotient' | 'none';
  /** Results that carry a gradient (when f32/bf16): all, none, or only the listed indices. */
  readonly differentiable: 'all' | 'none' | readonly number[];
}

/**
 * What a gradient rule writes its ops with (the training pass implements it: compiler/src/train/).
 * Every op it emits is an op of this registry, typed by the entry's `infer`, at the forward op's span.
 */
export interface GradBuilder {
  /** Emits one op and returns its first result; `hint` names it (`<forward value>.grad.<hint>`). */
  op(kind: string, operands: readonly Value[], attrs?: Attrs, hint?: string): Value;
  /** Emits one op and returns all its results. */
  ops(kind: string, operands: readonly Value[], attrs?: Attrs, hint?: string): Value[];
  /** A scalar constant (f32 unless `dtype` says otherwise). */
  constant(value: number, dtype?: DType): Value;
  /** Whether operand i's cotangent is wanted (it leads to a parameter); a rule may skip the others. */
  wants(operand: number): boolean;
}

/**
 * The VJP of the op: given the cotangents of its results (undefined: zero, nothing reached it), the
 * cotangents of its operands as ops of this registry, each of the operand's exact type (dims in its
 * order); undefined for an operand that takes no gradient (ids, keys, predicates) or is not wanted.
 */
export type GradientRule =
  (b: GradBuilder, op: Op, cotangents: readonly (Value | undefined)[]) => readonly (Value | undefined)[];

/** An op through which no gradient flows, with the reason (iota, comparisons, argmax, one_hot of ids). */
export interface NotDifferentiable {
  readonly notDifferentiable: string;
}

export const isGradientRule = (g: GradientRule | NotDifferentiable): g is GradientRule => typeof g === 'function';

/** How the surface language calls the op, when it is one of the generic shapes (lower/builtins.ts). */
export type SurfaceForm =
  | { readonly form: 'binary' | 'unary' | 'alongDim' | 'overDims'; readonly doc: string }
  /** A call with its own signature, written in lower/builtins.ts. */
  | { readonly form: 'custom' }
  /** Not callable from source (the partitioner's ops). */
  | { readonly form: 'none' };

export interface OpEntry extends OpDef {
  /** The file the entry lives in (for docs and the registry test). */
  readonly family: string;
  /** FLOPs and bytes per device: `gshard cost` and the language server's lenses both use it. */
  readonly work: WorkFn;
  readonly fusion: (op: Op) => FusionClass;
  /** Reference kernel; on the mesh every device runs it on its tile unless `collective` says otherwise. */
  readonly kernel: Kernel;
  /** A collective's time model and mesh kernel; null for ops that run per device. */
  readonly collective: CollectiveFacts | null;
  readonly stablehlo: Lowering | NotExported;
  readonly jax: JaxLowering | NotExported;
  /** Set for ops the partitioner expands when their normalized dim is split; null otherwise. */
  readonly splitNormalization: SplitNormalization | null;
  readonly training: TrainingFacts;
  /** The VJP, or why the op has none: every entry says one or the other (the registry test checks). */
  readonly gradient: GradientRule | NotDifferentiable;
  readonly surface: SurfaceForm;
  /** How the partitioner's passes treat the op (PLAIN_PARTITION unless the op needs more). */
  readonly partition: PartitionFacts;
  /** What the runner and the memory model read off the op (PLAIN_ROLE unless it has a role). */
  readonly role: RoleFacts;
}

export const isExported = <T>(x: T | NotExported): x is T =>
  !(typeof x === 'object' && x !== null && 'notExported' in x);
