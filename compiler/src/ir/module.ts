// The global IR: SSA values and ops in one flat function per model; every op keeps its source span.

import type { Span } from '@gshard/grammar';
import type { Mesh } from './mesh.js';
import type { Sharding } from './sharding.js';
import type { TensorType } from './types.js';
import type { EinsumOrder } from './einsum-order.js';
import { must } from '../util/checked.js';

/** JSON-like attribute values, printed as JSON in the textual IR. */
export type AttrValue = string | number | boolean | null | readonly AttrValue[] | { readonly [key: string]: AttrValue };
export type Attrs = { readonly [key: string]: AttrValue };

/** One step of the chain that explains where an inferred sharding came from. */
export interface OriginStep {
  /** The value the sharding travelled from (annotation or earlier value). */
  readonly from: string;
  /** The op it travelled through (printed op name), absent for the annotation itself. */
  readonly through?: string;
  readonly direction?: 'forward' | 'backward';
  readonly span: Span;
}

/** Why a value has its sharding: annotated by the user, or inferred along a chain of ops. */
export interface ShardingOrigin {
  readonly annotated: boolean;
  /** Root first: the annotation, then each op the sharding travelled through. */
  readonly chain: readonly OriginStep[];
}

export type ValueRole = 'input' | 'param' | 'op';

export interface Value {
  readonly id: number;
  /** Unique printable name (without `%`), derived from the source: `logits`, `y.0.wi`. */
  readonly name: string;
  readonly role: ValueRole;
  readonly type: TensorType;
  readonly span: Span;
  /** The user's annotation, when there was one (never overwritten by propagation). */
  annotation?: Sharding;
  /** The sharding in force: the annotation, or what propagation inferred. */
  sharding?: Sharding;
  origin?: ShardingOrigin;
  /** In the local (per-device) program: the global type this value is a tile of. */
  globalType?: TensorType;
  /** In the local program: the global value this one holds (or a reshard of it). */
  globalName?: string;
}

/** The value's sharding, read after propagation, which sets one on every value of the module. */
export function shardingOf(v: Value): Sharding {
  return must(v.sharding, `%${v.name} has a sharding after propagation`);
}
/**
 * Which part of a training step an op belongs to (absent: the forward pass, as in every inference program);
 * `recompute`: a forward op of a remat region run again just before the region's backward.
 */
export type OpPhase = 'backward' | 'update' | 'recompute';

export interface Op {
  readonly id: number;
  /** Printed op name; the key into the op table (ops.ts). */
  readonly kind: string;
  readonly operands: readonly Value[];
  readonly results: readonly Value[];
  readonly attrs: Attrs;
  readonly span: Span;
  /** Why the partitioner put this op here (collectives, reshards); shown by `explain`. */
  reason?: string;
  /**
   * The layer instance the op comes from: `moe_block y.0` for binding y's instance 0 of a repeated
   * layer; absent for ops written in the model itself. Cost reports and code lenses group by it.
   */
  layer?: string;
  /**
   * The rematerialised region the op belongs to: the outermost layer instance marked `remat` around
   * it (its Op.layer form, `block y.0`). A training program recomputes the region's forward ops before
   * its backward (train/rematerialize.ts); backward ops of the region carry it too.
   */
  remat?: string;
  /** In a training program: the backward pass or the optimizer update (absent for forward ops). */
  phase?: OpPhase;
  /** In the backward pass: the forward value whose cotangent this op helps compute. */
  gradOf?: string;
}

/** The fields a pass copies from the op it rewrites onto the ops it emits in its place. */
export function opPlace(at: Op): Pick<Op, 'layer' | 'remat' | 'phase' | 'gradOf'> {
  return {
    ...(at.layer ? { layer: at.layer } : {}), ...(at.remat ? { remat: at.remat } : {}),
    ...(at.phase ? { phase: at.phase } : {}),
    ...(at.gradOf ? { gradOf: at.gradOf } : {}),
  };
}

/**
 * One inlined layer instance: the prefix of its value names (`y.0.a.arg0.`) and the path a user types
 * (`pair[0].attention[0]`).
 */
export interface LayerInstance {
  readonly prefix: string;
  readonly path: string;
  /** The layer's name; `${layer} ${prefix without the dot}` is Op.layer of its ops. */
  readonly layer: string;
}

/**
 * How a training program's params and outputs line up (set by the autodiff pass, carried by every
 * later pass): params = the model's params, then per-param optimizer state, then shared state;
 * outputs = loss, one gradient per model param, the params after the update, then the state after it.
 */
export interface TrainingLayout {
  readonly optimizer: string;
  /** The optimizer's settings (`OPTIMIZERS[optimizer](settings)` remakes it: train-run.ts bounds its steps). */
  readonly settings: { readonly lr: number };
  /** The model's params, in order (the first params of the program). */
  readonly params: readonly string[];
  /** The optimizer state params that follow them, with the value each starts from. */
  readonly state: readonly { readonly name: string; readonly init: number; readonly of?: string }[];
  /** Output positions: the loss, per model param its gradient and its next value, per state its next value. */
  readonly outputs: {
    readonly loss: number; readonly grads: readonly number[];
    readonly params: readonly number[]; readonly state: readonly number[];
  };
}

export interface Module {
  readonly name: string;
  readonly mesh: Mesh;
  readonly inputs: Value[];
  readonly params: Value[];
  readonly ops: Op[];
  readonly outputs: Value[];
  /** 'global' before localize; 'local' after (types then are per-device shapes). */
  view: 'global' | 'local';
  /** The layer instances inlined into it, outermost first (for names a user can type). */
  readonly instances?: readonly LayerInstance[];
  /** Global names of the values a builtin made on its way to its results (`combine.gates`): hidden unless asked for. */
  readonly temporaries?: ReadonlySet<string>;
  /** Set on a training program (forward + backward + update): what its params and outputs are. */
  readonly training?: TrainingLayout;
  /** The contraction order lowering chose for each einsum of three or more operands (per layer instance). */
  readonly einsumOrders?: readonly EinsumOrder[];
}

/** The optional fields every pass carries from the module it rewrites. */
export function carried(m: Module): Pick<Module, 'instances' | 'temporaries' | 'training' | 'einsumOrders'> {
  return {
    ...(m.instances ? { instances: m.instances } : {}), ...(m.temporaries ? { temporaries: m.temporaries } : {}),
    ...(m.training ? { training: m.training } : {}), ...(m.einsumOrders ? { einsumOrders: m.einsumOrders } : {}),
  };
}

/** Hands out fresh ids and unique names while building or rewriting a module. */
export class IdSource {
  private nextValue = 0;
  private nextOp = 0;
  private readonly names = new Map<string, number>();
  /**
   * While a throwaway scope is open (see beginThrowaway): the names under its prefix, kept apart
   * from `names` so they die young instead of growing (and being copied with) the long-lived map.
   */
  private scratch: Map<string, number> | undefined;
  private scratchPrefix = '';
  private scratchHead = '';
  /** The text before the first '.' of every name in `names`; built when the first scope opens. */
  private heads: Set<string> | undefined;
  /** Heads of closed throwaway scopes: their names are forgotten, so none may be handed out again. */
  private readonly retired = new Set<string>();

  valueId(): number {
    return this.nextValue++;
  }

  opId(): number {
    return this.nextOp++;
  }

  /** `base` if unused, else `base.1`, `base.2`, ... */
  uniqueName(base: string): string {
    const scratch = this.scratch;
    // Every name with the scope's head (`L`, `L.x`) belongs to the scope, so `L.1` cannot be claimed twice.
    if (scratch !== undefined && (base.startsWith(this.scratchPrefix) || base === this.scratchHead)) {
      return claim(scratch, base);
    }
    if (this.heads !== undefined) {
      const head = headOf(base);
      if (this.retired.has(head)) throw new Error(`internal: name '${base}' falls under a closed throwaway scope`);
      this.heads.add(head);
    }
    return claim(this.names, base);
  }

  /**
   * Opens a scope for values that are thrown away afterwards (a layer checked on its own): names
   * with the head of `prefix` (`L` and `L.*` for `L.`; one identifier and a dot) are handed out
   * exactly as uniqueName would, but forgotten at endThrowaway. That is safe because no earlier name
   * has that head (else the scope falls back to the shared map) and no later one may (enforced).
   */
  beginThrowaway(prefix: string): void {
    const head = prefix.slice(0, -1);
    if (!prefix.endsWith('.') || head.includes('.') || this.retired.has(head)) return;
    if (this.heads === undefined) {
      this.heads = new Set();
      for (const name of this.names.keys()) this.heads.add(headOf(name));
    }
    if (this.heads.has(head)) return;
    this.retired.add(head);
    this.scratch = new Map();
    this.scratchPrefix = prefix;
    this.scratchHead = head;
  }

  endThrowaway(): void {
    this.scratch = undefined;
    this.scratchPrefix = '';
    this.scratchHead = '';
  }
}

/** The naming rule of IdSource.uniqueName over one map of names. */
function claim(names: Map<string, number>, base: string): string {
  const seen = names.get(base);
  if (seen === undefined) {
    names.set(base, 1);
    return base;
  }
  let n = seen;
  while (names.has(`${base}.${n}`)) n++;
  names.set(base, n + 1);
  const name = `${base}.${n}`;
  names.set(name, 1);
  return name;
}

function headOf(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

export function allValues(module: Module): Value[] {
  const out: Value[] = [...module.inputs, ...module.params];
  for (const op of module.ops) out.push(...op.results);
  return out;
}

/** Map from value id to the ops that use it, in program order. */
export function usersOf(module: Module): Map<number, Op[]> {
  const map = new Map<number, Op[]>();
  for (const op of module.ops) {
    for (const v of op.operands) {
      const list = map.get(v.id);
      if (list) {
        if (list[list.length - 1] !== op) list.push(op);
      } else map.set(v.id, [op]);
    }
  }
  return map;
}

/** A deep copy of values and ops (types and attrs are immutable and shared), for passes that rewrite. */
export function cloneModule(m: Module): Module {
  const map = new Map<number, Value>();
  const copy = (v: Value): Value => {
    const existing = map.get(v.id);
    if (existing) return existing;
    const c: Value = { ...v };
    map.set(v.id, c);
    return c;
  };
  const inputs = m.inputs.map(copy);
  const params = m.params.map(copy);
  const ops = m.ops.map((op) => ({ ...op, operands: op.operands.map(copy), results: op.results.map(copy) }));
  return { name: m.name, mesh: m.mesh, inputs, params, ops, outputs: m.outputs.map(copy), view: m.view, ...carried(m) };
}
