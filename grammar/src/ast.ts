// The .gshard abstract syntax tree: a discriminated union on `kind`; every node carries its span.
// Produced by parser.ts (through build.ts), printed by print.ts. No name resolution or checking happens here.

import type { Span } from './diagnostic.js';

export interface Ident {
  readonly kind: 'Ident';
  readonly name: string;
  readonly span: Span;
}

/** A whole file. `items` keeps source order; invalid regions are simply absent. */
export interface Program {
  readonly kind: 'Program';
  readonly items: readonly Item[];
  /** Comments, in source order (the printer keeps them). */
  readonly comments: readonly Comment[];
  readonly span: Span;
}

export interface Comment {
  readonly kind: 'Comment';
  /** Full text including the leading `//` or `/*`. */
  readonly text: string;
  readonly span: Span;
}

export type Item = MeshDecl | DimDecl | FuncDecl;

/**
 * `mesh pod = tpu_v3 [data = 4, model = 4] chips [4, 2] devices [...]`
 * `mesh m = [x = 2, y = 4] devices [0, 2, 4, 6, 1, 3, 5, 7]`
 * `topology` is 'tpu_v3' or 'plain' (no kind written).
 */
export interface MeshDecl {
  readonly kind: 'MeshDecl';
  readonly name: Ident;
  readonly topology: 'tpu_v3' | 'plain';
  readonly topologySpan?: Span;
  readonly axes: readonly MeshAxisDecl[];
  /** TPU chip grid [rows, cols]; optional, the compiler picks one when absent. */
  readonly chips?: readonly IntExpr[];
  readonly chipsSpan?: Span;
  /** Explicit device order (row-major over the axes); optional. */
  readonly devices?: readonly NumberLit[];
  readonly devicesSpan?: Span;
  readonly span: Span;
}

export interface MeshAxisDecl {
  readonly kind: 'MeshAxisDecl';
  readonly name: Ident;
  readonly size: IntExpr;
  readonly span: Span;
}

/** `dim C = 2 * S / E` */
export interface DimDecl {
  readonly kind: 'DimDecl';
  readonly name: Ident;
  readonly value: IntExpr;
  readonly span: Span;
}

/** Integer expressions over dim names: `+ - * /`, parentheses, integer literals. */
export type IntExpr = NumberLit | DimRef | IntBinary;

export interface NumberLit {
  readonly kind: 'NumberLit';
  /** The literal as written (`16`, `0.5`, `1e-6`). */
  readonly text: string;
  readonly value: number;
  readonly isInteger: boolean;
  readonly span: Span;
}

export interface DimRef {
  readonly kind: 'DimRef';
  readonly name: Ident;
  readonly span: Span;
}

export interface IntBinary {
  readonly kind: 'IntBinary';
  readonly op: '+' | '-' | '*' | '/';
  readonly lhs: IntExpr;
  readonly rhs: IntExpr;
  readonly span: Span;
}

/**
 * `layer ffn(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] { ... }`
 * `model main(x: f32[G, S, M]) -> (f32[G, S, M], f32[]) on pod { ... }`
 */
export interface FuncDecl {
  readonly kind: 'FuncDecl';
  readonly isModel: boolean;
  /** `remat layer ...`: the keyword, when written (every instance is recomputed in the backward pass). */
  readonly remat?: Span;
  readonly name: Ident;
  readonly inputs: readonly InputDecl[];
  /** Declared result types; empty when the arrow is omitted. */
  readonly results: readonly TypeRef[];
  /** `on MESH` (models only, optional: the first mesh of the file otherwise). */
  readonly mesh?: Ident;
  readonly body: readonly Stmt[];
  /**
   * From `{` to `}` (added by the grammar: the printer uses it to tell header comments from body
   * comments; editors can use it for folding). Optional so hand-built ASTs need not set it.
   */
  readonly bodySpan?: Span;
  readonly span: Span;
}

export interface InputDecl {
  readonly kind: 'InputDecl';
  readonly name: Ident;
  readonly type: TypeRef;
  readonly annotation?: Annotation;
  readonly span: Span;
}

/** `f32[G, S, M]`, `f32[]` (a scalar). */
export interface TypeRef {
  readonly kind: 'TypeRef';
  readonly dtype: Ident;
  readonly dims: readonly Ident[];
  readonly span: Span;
}

export type Stmt = ParamDecl | Binding | ReturnStmt;

/** `param wi: f32[E, M, H] @ [x, _, _]` */
export interface ParamDecl {
  readonly kind: 'ParamDecl';
  readonly name: Ident;
  readonly type: TypeRef;
  readonly annotation?: Annotation;
  readonly span: Span;
}

/** `a, b = expr @ annotation` (the annotation applies to the first name only when several). */
export interface Binding {
  readonly kind: 'Binding';
  readonly names: readonly Ident[];
  readonly value: Expr;
  readonly annotation?: Annotation;
  readonly span: Span;
}

/** `return a, b` */
export interface ReturnStmt {
  readonly kind: 'ReturnStmt';
  readonly values: readonly Expr[];
  readonly span: Span;
}

export type Expr = Call | NameRef | Binary | Unary | NumberLit | StringLit | ListLit | RepeatCall | Paren;

/** `einsum("GSM,ME->GSE", x, wg)`, `top2_gating(logits, E, C, policy = "random", noise = u)` */
export interface Call {
  readonly kind: 'Call';
  readonly callee: Ident;
  readonly args: readonly CallArg[];
  /** `remat ffn(x)`: the keyword, when written (the span then starts at it). */
  readonly remat?: Span;
  readonly span: Span;
}

export interface CallArg {
  readonly kind: 'CallArg';
  /** Present for `name = value` arguments. */
  readonly name?: Ident;
  readonly value: Expr;
  readonly span: Span;
}

/** `repeat 4 encoder(x)`: a stack of identical layers, each with its own parameters. */
export interface RepeatCall {
  readonly kind: 'RepeatCall';
  readonly count: IntExpr;
  readonly call: Call;
  /** `remat repeat 4 f(x)`: the keyword, when written (the span then starts at it). */
  readonly remat?: Span;
  readonly span: Span;
}

export interface NameRef {
  readonly kind: 'NameRef';
  readonly name: Ident;
  readonly span: Span;
}

/** Infix elementwise arithmetic: `x + y`, `h * 0.5`. Usual precedence, left associative. */
export interface Binary {
  readonly kind: 'Binary';
  readonly op: '+' | '-' | '*' | '/';
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly span: Span;
}

export interface Unary {
  readonly kind: 'Unary';
  readonly op: '-';
  readonly operand: Expr;
  readonly span: Span;
}

export interface Paren {
  readonly kind: 'Paren';
  readonly inner: Expr;
  readonly span: Span;
}

export interface StringLit {
  readonly kind: 'StringLit';
  /** Unquoted, unescaped value. */
  readonly value: string;
  readonly span: Span;
}

/** `[S, M]` in call arguments (dim lists), or nested number lists. */
export interface ListLit {
  readonly kind: 'ListLit';
  readonly elements: readonly Expr[];
  readonly span: Span;
}

/** Sharding annotations: GShard's three forms and the mesh-axis form. */
export type Annotation = ReplicateAnn | SplitAnn | ShardAnn | AxisAnn;

/** `@ replicate` */
export interface ReplicateAnn {
  readonly kind: 'ReplicateAnn';
  readonly span: Span;
}

/** `@ split(G, 16)` or `@ split(0, 16)`: GShard's split(tensor, dim, num_partitions). */
export interface SplitAnn {
  readonly kind: 'SplitAnn';
  readonly dim: Ident | NumberLit;
  readonly count: IntExpr;
  readonly span: Span;
}

/** `@ shard([[0, 1], [2, 3]])`: GShard's device_assignment, a nested list of the tensor's rank. */
export interface ShardAnn {
  readonly kind: 'ShardAnn';
  readonly assignment: NestedInts;
  readonly span: Span;
}

export interface NestedInts {
  readonly kind: 'NestedInts';
  readonly elements: readonly (NestedInts | NumberLit)[];
  readonly span: Span;
}

/**
 * `@ [x, _, (x, y)?, ? , x p1] replicated(y) unreduced(z)`: one entry per tensor dim.
 * `_` not split and closed; `?` not split and open; `x` split on x, closed; `(x, y)` split on x
 * then y (major to minor); a trailing `?` makes the dim open; a trailing `pN` sets its priority.
 */
export interface AxisAnn {
  readonly kind: 'AxisAnn';
  readonly dims: readonly DimSpec[];
  readonly replicated: readonly Ident[];
  readonly unreduced: readonly Ident[];
  readonly span: Span;
}

export interface DimSpec {
  readonly kind: 'DimSpec';
  readonly axes: readonly Ident[];
  readonly open: boolean;
  readonly priority?: number;
  readonly span: Span;
}

export type Node =
  | Program | Comment | MeshDecl | MeshAxisDecl | DimDecl | NumberLit | DimRef | IntBinary | FuncDecl
  | InputDecl | TypeRef | ParamDecl | Binding | ReturnStmt | Call | CallArg | RepeatCall | NameRef
  | Binary | Unary | Paren | StringLit | ListLit | ReplicateAnn | SplitAnn | ShardAnn | NestedInts
  | AxisAnn | DimSpec | Ident;
