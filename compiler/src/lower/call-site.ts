// A built-in call being lowered: its parameters, its bound arguments and the accessors that read them
// (shared by builtins.ts and the lowerings kept in their own files, such as top2-gating.ts).

import type { Call, Span } from '@gshard/grammar';
import type { Value } from '../ir/module.js';
import type { DType } from '../ir/types.js';
import type { LowerContext } from './context.js';
import { must } from '../util/checked.js';

export type ParamKind =
  'tensor' | 'tensors' | 'scalarOrTensor' | 'dim' | 'dims' | 'string' | 'dtype' | 'bool' | 'number';

export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  /** Optional parameters take this default when absent (undefined = no value). */
  readonly optional?: boolean;
}

/** A bound argument, already lowered according to its kind. */
export type BoundArg =
  | { kind: 'tensor'; value: Value; span: Span }
  | { kind: 'tensors'; values: Value[]; spans: Span[] }
  | { kind: 'dim'; name: string; size: number; span: Span }
  | { kind: 'dims'; names: string[]; sizes: number[]; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'dtype'; value: DType; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'number'; value: number; span: Span };

export interface CallSite {
  readonly ctx: LowerContext;
  readonly span: Span;
  readonly calleeSpan: Span;
  /** Base name for the results (`logits`, `y.0.h`). */
  readonly names: readonly string[];
  readonly args: ReadonlyMap<string, BoundArg>;
  /** The call as written (notes that name its arguments as the source does). */
  readonly call?: Call;
}

export interface Builtin {
  readonly name: string;
  readonly doc: string;
  readonly params: readonly ParamSpec[];
  /** The op kind it lowers to when that is not its own name (`le` -> compare, `where` -> select). */
  readonly lowersTo?: string;
  /** Number of results. */
  readonly results: number;
  readonly lower: (site: CallSite) => Value[] | undefined;
}

// ---- accessors --------------------------------------------------------------------------------

/** The span of any bound argument (for tensors lists, the first). */
export function argSpan(site: CallSite, name: string): Span {
  const a = site.args.get(name);
  if (!a) return site.span;
  return a.kind === 'tensors' ? a.spans[0] ?? site.span : a.span;
}

export function tensor(site: CallSite, name: string): Value {
  return (site.args.get(name) as Extract<BoundArg, { kind: 'tensor' }>).value;
}
export function tensorSpan(site: CallSite, name: string): Span {
  return (site.args.get(name) as Extract<BoundArg, { kind: 'tensor' }> | undefined)?.span ?? site.span;
}
export function dim(site: CallSite, name: string): { name: string; size: number; span: Span } {
  return site.args.get(name) as Extract<BoundArg, { kind: 'dim' }>;
}
export function dims(site: CallSite, name: string): { names: string[]; sizes: number[] } {
  return site.args.get(name) as Extract<BoundArg, { kind: 'dims' }>;
}
export function str(site: CallSite, name: string): string | undefined {
  return (site.args.get(name) as Extract<BoundArg, { kind: 'string' }> | undefined)?.value;
}
export function num(site: CallSite, name: string): number | undefined {
  return (site.args.get(name) as Extract<BoundArg, { kind: 'number' }> | undefined)?.value;
}
/** A number parameter without a default: binding checked the call against the signature, so it is set. */
export function requiredNum(site: CallSite, name: string): number {
  return must(num(site, name), `the bound number argument '${name}'`);
}
