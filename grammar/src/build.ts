// AST node construction for the parser's embedded actions, one method per node kind. Pieces the
// error recovery left missing arrive as undefined: a node that lacks a required piece is dropped
// (its error is already reported). Also tracks the real tokens consumed, for node spans.

import type { IToken } from 'chevrotain';
import type * as A from './ast.js';
import { diagnostic, joinSpans, type Diagnostic, type Span } from './diagnostic.js';
import { OffsetSpan, type LineIndex } from './positions.js';
import { climb } from './precedence.js';
import { describeFound } from './syntax-errors.js';
import { Model, NumberLiteral, UnterminatedString } from './tokens.js';

/**
 * The defined elements, in an array of exactly that length. The parser's lists grow by push, which
 * leaves ~17 spare slots in each; an AST keeps tens of thousands of lists, and memory that outlives a
 * garbage collection is what parsing a large file costs most.
 */
function defined<T>(xs: readonly (T | undefined)[]): T[] {
  let n = 0;
  for (const x of xs) if (x !== undefined) n++;
  if (n === xs.length) return xs.slice() as T[];
  const out = new Array<T>(n);
  let i = 0;
  for (const x of xs) if (x !== undefined) out[i++] = x;
  return out;
}
function allDefined<T>(xs: readonly (T | undefined)[]): xs is T[] {
  for (const x of xs) if (x === undefined) return false;
  return true;
}

/**
 * The empty axis list every `_`, `?` and absent `replicated`/`unreduced` shares: AST lists are
 * readonly, and a 10,000-line file has ~13,000 of them, each an object that outlives collections.
 */
const NO_IDENTS: readonly A.Ident[] = Object.freeze([]);

export class NodeBuilder {
  /** The two syntax rules the grammar cannot express (priority names, `_` in a dim-spec group). */
  readonly reports: Diagnostic[] = [];
  /**
   * Start offset of the n-th real token consumed. Sized once for all the tokens: growing an array
   * to 100,000+ elements copies it into fresh memory again and again, which costs more than parsing.
   */
  private starts: Int32Array;
  private count = 0;
  /** End offset of the last real token consumed. */
  private lastEnd = 0;

  /** `tokenCount` bounds the tokens the parse will consume (more are still recorded). */
  constructor(readonly lines: LineIndex, tokenCount = 0) {
    this.starts = new Int32Array(tokenCount + 1);
  }

  // ---- tokens and spans ----

  /** Records a consumed token; a token the recovery invented (not in the text) comes back undefined. */
  tok(t: IToken): IToken | undefined {
    if (t.isInsertedInRecovery === true || !Number.isFinite(t.startOffset)) return undefined;
    if (this.count === this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = t.startOffset;
    this.lastEnd = t.startOffset + t.image.length;
    return t;
  }

  /** A mark to take before a node's first token: `span(mark)` then covers its real tokens. */
  mark(): number {
    return this.count;
  }

  /** From the first to the last real token consumed since `mark`; the end of the file when none. */
  span(mark: number): Span {
    const start = mark < this.count ? this.starts[mark] : undefined;
    return start === undefined ? this.lines.endSpan() : this.lines.span(start, this.lastEnd);
  }

  /**
   * `span(mark)`, or `inner` when it covers exactly those tokens (a positional argument and its
   * value, a dim spec and its one axis): spans are immutable, so sharing one saves an object that
   * would outlive garbage collections (~15,000 for a 10,000-line file).
   */
  spanLike(mark: number, inner: Span): Span {
    const same = mark < this.count && inner instanceof OffsetSpan
      && inner.startOffset === this.starts[mark] && inner.endOffset === this.lastEnd;
    if (same) return inner;
    return this.span(mark);
  }

  /** Reports made since `mark` (see `reportMark`) are dropped with a node that is dropped. */
  reportMark(): number {
    return this.reports.length;
  }

  private drop(reportMark: number): undefined {
    this.reports.length = reportMark;
    return undefined;
  }

  tokenSpan(t: IToken): Span {
    return this.lines.span(t.startOffset, t.startOffset + t.image.length);
  }

  ident(t: IToken): A.Ident;
  ident(t: IToken | undefined): A.Ident | undefined;
  ident(t: IToken | undefined): A.Ident | undefined {
    return t && { kind: 'Ident', name: t.image, span: this.tokenSpan(t) };
  }

  number(t: IToken | undefined): A.NumberLit | undefined {
    if (!t) return undefined;
    const image = t.image;
    const isInteger = /^\d+$/.test(image);
    return { kind: 'NumberLit', text: image, value: Number(image), isInteger, span: this.tokenSpan(t) };
  }

  // ---- items ----

  meshDecl(
    mark: number,
    nameToken: IToken | undefined,
    kind: IToken | undefined,
    axisDecls: readonly (A.MeshAxisDecl | undefined)[],
    chipsKw: IToken | undefined,
    chipValues: readonly (A.IntExpr | undefined)[],
    chipsClose: IToken | undefined,
    devicesKw: IToken | undefined,
    deviceTokens: readonly (IToken | undefined)[],
    devicesClose: IToken | undefined,
  ): A.MeshDecl | undefined {
    const name = this.ident(nameToken);
    const axes = defined(axisDecls);
    if (!name || axes.length === 0) return undefined;
    const chips = defined(chipValues);
    const devices = defined(deviceTokens.map((t) => this.number(t)));
    const extent = (kw: IToken, close: IToken | undefined, last: Span | undefined): Span =>
      joinSpans(this.tokenSpan(kw), close ? this.tokenSpan(close) : (last ?? this.tokenSpan(kw)));
    return {
      kind: 'MeshDecl',
      name,
      topology: kind ? 'tpu_v3' : 'plain',
      ...(kind && { topologySpan: this.tokenSpan(kind) }),
      axes,
      ...(chipsKw && { chips, chipsSpan: extent(chipsKw, chipsClose, chips[chips.length - 1]?.span) }),
      ...(devicesKw && { devices, devicesSpan: extent(devicesKw, devicesClose, devices[devices.length - 1]?.span) }),
      span: this.span(mark),
    };
  }

  axisDecl(mark: number, nameToken: IToken | undefined, size: A.IntExpr | undefined): A.MeshAxisDecl | undefined {
    const name = this.ident(nameToken);
    return name && size && { kind: 'MeshAxisDecl', name, size, span: this.span(mark) };
  }

  dimDecl(mark: number, nameToken: IToken | undefined, value: A.IntExpr | undefined): A.DimDecl | undefined {
    const name = this.ident(nameToken);
    return name && value && { kind: 'DimDecl', name, value, span: this.span(mark) };
  }

  // ---- integer expressions ----

  intExpr(operands: readonly (A.IntExpr | undefined)[], ops: readonly IToken[]): A.IntExpr | undefined {
    return climb<A.IntExpr>(
      operands,
      ops,
      (op, lhs, rhs) => ({ kind: 'IntBinary', op, lhs, rhs, span: joinSpans(lhs.span, rhs.span) }),
    );
  }

  dimRef(t: IToken | undefined): A.DimRef | undefined {
    const name = this.ident(t);
    return name && { kind: 'DimRef', name, span: name.span };
  }

  // ---- layers and models ----

  funcDecl(
    mark: number,
    reportMark: number,
    keyword: IToken | undefined,
    nameToken: IToken | undefined,
    inputs: readonly (A.InputDecl | undefined)[],
    results: readonly (A.TypeRef | undefined)[] | undefined,
    meshToken: IToken | undefined,
    open: IToken | undefined,
    body: readonly (A.Stmt | undefined)[],
    close: IToken | undefined,
    remat?: IToken,
  ): A.FuncDecl | undefined {
    const name = this.ident(nameToken);
    if (!name || !open) return this.drop(reportMark);
    const mesh = this.ident(meshToken);
    const span = this.span(mark);
    return {
      kind: 'FuncDecl',
      isModel: keyword?.tokenType === Model,
      ...(remat && { remat: this.tokenSpan(remat) }),
      name,
      inputs: defined(inputs),
      results: results ? defined(results) : [],
      ...(mesh && { mesh }),
      body: defined(body),
      bodySpan: joinSpans(this.tokenSpan(open), close ? this.tokenSpan(close) : span),
      span,
    };
  }

  /** An input or a param: `name: type @ annotation`, the two differing in node kind only. */
  typedName<K extends 'InputDecl' | 'ParamDecl'>(
    kind: K,
    mark: number,
    reportMark: number,
    nameToken: IToken | undefined,
    type: A.TypeRef | undefined,
    annotation: A.Annotation | undefined,
  ): (Omit<A.InputDecl, 'kind'> & { readonly kind: K }) | undefined {
    const name = this.ident(nameToken);
    if (!name || !type) return this.drop(reportMark);
    const span = this.span(mark);
    // Literal per case, not a conditional spread: spreads build these hot nodes through a slow path.
    return annotation ? { kind, name, type, annotation, span } : { kind, name, type, span };
  }

  typeRef(
    mark: number,
    dtype: IToken | undefined,
    dims: readonly (IToken | undefined)[],
    close: IToken | undefined,
  ): A.TypeRef | undefined {
    const name = this.ident(dtype);
    if (!name || !close) return undefined;
    return { kind: 'TypeRef', dtype: name, dims: defined(dims.map((t) => this.ident(t))), span: this.span(mark) };
  }

  // ---- statements ----

  returnStmt(mark: number, values: readonly (A.Expr | undefined)[]): A.ReturnStmt | undefined {
    if (values.length === 0 || !allDefined(values)) return undefined;
    return { kind: 'ReturnStmt', values: values.slice(), span: this.span(mark) };
  }

  binding(
    mark: number,
    reportMark: number,
    nameTokens: readonly (IToken | undefined)[],
    equals: IToken | undefined,
    value: A.Expr | undefined,
    annotation: A.Annotation | undefined,
  ): A.Binding | undefined {
    const names = defined(nameTokens.map((t) => this.ident(t)));
    if (names.length === 0 || !value || !equals) return this.drop(reportMark);
    const span = this.span(mark);
    return annotation ? { kind: 'Binding', names, value, annotation, span } : { kind: 'Binding', names, value, span };
  }

  // ---- expressions ----

  expr(operands: readonly (A.Expr | undefined)[], ops: readonly IToken[]): A.Expr | undefined {
    return climb<A.Expr>(
      operands,
      ops,
      (op, lhs, rhs) => ({ kind: 'Binary', op, lhs, rhs, span: joinSpans(lhs.span, rhs.span) }),
    );
  }

  /** `- - x`: the signs apply innermost-last, each Unary spanning from its sign to the end. */
  signed(signs: readonly IToken[], primary: A.Expr | undefined): A.Expr | undefined {
    return signs.reduceRight<A.Expr | undefined>(
      (e, sign) => e && { kind: 'Unary', op: '-', operand: e, span: joinSpans(this.tokenSpan(sign), e.span) },
      primary,
    );
  }

  string(t: IToken | undefined): A.StringLit | undefined {
    if (!t) return undefined;
    return { kind: 'StringLit', value: unquote(t.image, t.tokenType !== UnterminatedString), span: this.tokenSpan(t) };
  }

  paren(open: IToken | undefined, inner: A.Expr | undefined, close: IToken | undefined): A.Paren | undefined {
    if (!inner || !open || !close) return undefined;
    return { kind: 'Paren', inner, span: joinSpans(this.tokenSpan(open), this.tokenSpan(close)) };
  }

  listLit(mark: number, elements: readonly (A.Expr | undefined)[], close: IToken | undefined): A.ListLit | undefined {
    if (!allDefined(elements) || !close) return undefined;
    return { kind: 'ListLit', elements: elements.slice(), span: this.span(mark) };
  }

  /**
   * A name, or a call when `args` is given (null: arguments that did not parse). Called right after
   * the arguments, so the last real token is their ')'.
   */
  nameOrCall(nameToken: IToken | undefined, args: A.CallArg[] | null | undefined): A.Call | A.NameRef | undefined {
    const name = this.ident(nameToken);
    if (!name) return undefined;
    if (args === undefined) return { kind: 'NameRef', name, span: name.span };
    return args === null ? undefined : this.call(name, args);
  }

  /** Right after the arguments, like `nameOrCall`. */
  repeatCall(
    mark: number,
    count: A.IntExpr | undefined,
    calleeToken: IToken | undefined,
    args: A.CallArg[] | null | undefined,
  ): A.RepeatCall | undefined {
    const callee = this.ident(calleeToken);
    if (!count || !callee || !args) return undefined;
    return { kind: 'RepeatCall', count, call: this.call(callee, args), span: this.span(mark) };
  }

  /** `remat` before a call or repeat: the same node, marked, spanning from the keyword. */
  rematCall(
    mark: number, keyword: IToken | undefined, inner: A.Call | A.RepeatCall | A.NameRef | undefined,
  ): A.Call | A.RepeatCall | undefined {
    if (!keyword || !inner || inner.kind === 'NameRef') return undefined;
    return { ...inner, remat: this.tokenSpan(keyword), span: this.span(mark) };
  }

  /** Spans from the callee to the arguments' ')', the last real token consumed. */
  private call(callee: A.Ident, args: A.CallArg[]): A.Call {
    return { kind: 'Call', callee, args, span: this.lines.span(callee.span.start.offset, this.lastEnd) };
  }

  /** The argument list, or null when it did not parse. */
  callArgs(args: readonly (A.CallArg | undefined)[], close: IToken | undefined): A.CallArg[] | null {
    return close && allDefined(args) ? args.slice() : null;
  }

  callArg(mark: number, nameToken: IToken | undefined, value: A.Expr | undefined): A.CallArg | undefined {
    if (!value) return undefined;
    const name = this.ident(nameToken);
    if (name) return { kind: 'CallArg', name, value, span: this.span(mark) };
    return { kind: 'CallArg', value, span: this.spanLike(mark, value.span) };
  }

  // ---- annotations (`mark` is the annotation's, from its '@') ----

  splitAnn(
    mark: number,
    dimToken: IToken | undefined,
    count: A.IntExpr | undefined,
    close: IToken | undefined,
  ): A.SplitAnn | undefined {
    const dim = dimToken?.tokenType === NumberLiteral ? this.number(dimToken) : this.ident(dimToken);
    return dim && count && close ? { kind: 'SplitAnn', dim, count, span: this.span(mark) } : undefined;
  }

  shardAnn(mark: number, assignment: A.NestedInts | undefined, close: IToken | undefined): A.ShardAnn | undefined {
    return assignment && close ? { kind: 'ShardAnn', assignment, span: this.span(mark) } : undefined;
  }

  nestedInts(
    mark: number,
    elements: readonly (A.NestedInts | A.NumberLit | undefined)[],
    close: IToken | undefined,
  ): A.NestedInts | undefined {
    if (!close || elements.length === 0 || !allDefined(elements)) return undefined;
    return { kind: 'NestedInts', elements: elements.slice(), span: this.span(mark) };
  }

  axisAnn(
    mark: number,
    reportMark: number,
    dims: readonly (A.DimSpec | undefined)[],
    close: IToken | undefined,
    replicated: readonly IToken[] | undefined,
    unreduced: readonly IToken[] | undefined,
  ): A.AxisAnn | undefined {
    // Without its ']' the annotation is dropped before its dims would be checked.
    if (!close) return this.drop(reportMark);
    if (!allDefined(dims)) return undefined;
    const axes = (list: readonly IToken[] | undefined) => (list ? defined(list.map((t) => this.ident(t))) : NO_IDENTS);
    const span = this.span(mark);
    return { kind: 'AxisAnn', dims: dims.slice(), replicated: axes(replicated), unreduced: axes(unreduced), span };
  }

  /** One dim spec; `what` is the token or axis group the alternative matched. */
  dimSpec(
    mark: number,
    form: DimSpecForm,
    what: IToken | readonly IToken[] | undefined,
    open: IToken | undefined,
    priorityToken: IToken | undefined,
  ): A.DimSpec | undefined {
    let axes: readonly A.Ident[];
    if (form === DimSpecForm.Group) {
      const tokens = what as readonly IToken[];
      const group: A.Ident[] = [];
      for (const t of tokens) {
        if (t.image === '_') this.report(
          'syntax-invalid-dim-spec',
          `Expected a mesh axis inside '( )' but found '_'.`,
          this.tokenSpan(t),
        );
      }
      for (const t of tokens) if (t.image !== '_') group.push(this.ident(t));
      axes = group;
    } else if (form === DimSpecForm.Axis && what !== undefined) {
      const t = what as IToken;
      axes = t.image === '_' ? NO_IDENTS : [this.ident(t)];
    } else if (form === DimSpecForm.Open && what !== undefined) {
      axes = NO_IDENTS;
    } else if (form === DimSpecForm.Invalid && what !== undefined) {
      const bad = what as IToken;
      this.report(
        'syntax-invalid-dim-spec',
        `Expected a dim spec ('_', '?', a mesh axis or '(axis, ...)') but found ${describeFound(bad)}.`,
        this.tokenSpan(bad),
      );
      return undefined;
    } else {
      return undefined;
    }
    const isOpen = (form === DimSpecForm.Open && what !== undefined) || open !== undefined;
    let priority: number | undefined;
    if (priorityToken) {
      const m = /^p(\d+)$/.exec(priorityToken.image);
      if (m) priority = Number(m[1]);
      else {
        this.report(
          'syntax-invalid-priority',
          `Expected a priority 'p0', 'p1', ... but found ${describeFound(priorityToken)}.`,
          this.tokenSpan(priorityToken),
        );
      }
    }
    const only = axes.length === 1 ? axes[0] : undefined;
    const span = only ? this.spanLike(mark, only.span) : this.span(mark);
    if (priority !== undefined) return { kind: 'DimSpec', axes, open: isOpen, priority, span };
    return { kind: 'DimSpec', axes, open: isOpen, span };
  }

  private report(code: string, message: string, span: Span): void {
    this.reports.push(diagnostic(code, 'error', message, span));
  }
}

/** Which alternative of a dim spec matched. */
export const DimSpecForm = { None: 0, Open: 1, Axis: 2, Group: 3, Invalid: 4 } as const;
export type DimSpecForm = (typeof DimSpecForm)[keyof typeof DimSpecForm];

/** The value of a string token: quotes removed, `\"` and `\\` unescaped (other escapes kept as written). */
export function unquote(image: string, terminated = true): string {
  const body = image.slice(1, terminated ? -1 : undefined);
  return body.replace(/\\(["\\])/g, '$1');
}
