// CST -> AST: one builder method per parser rule. No name resolution and no checks beyond the
// two syntax rules that the grammar cannot express (priority names, `_` inside a dim-spec group).
// Nodes the error recovery left incomplete are dropped (their error is already reported).

import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { diagnostic, joinSpans, type Diagnostic, type Span } from './diagnostic.js';
import type { LineIndex } from './positions.js';
import { describeFound } from './syntax-errors.js';
import { NumberLiteral, UnterminatedString } from './tokens.js';

type Children = Record<string, CstElement[] | undefined>;

function isReal(t: IToken | undefined): t is IToken {
  return t !== undefined && t.isInsertedInRecovery !== true && Number.isFinite(t.startOffset);
}

/** The real tokens under `key`, in source order (tokens invented by the recovery are left out). */
function tokensOf(c: Children, key: string): IToken[] {
  return ((c[key] ?? []) as IToken[]).filter(isReal);
}
function tokenOf(c: Children, key: string): IToken | undefined {
  const list = c[key] as IToken[] | undefined;
  if (list === undefined) return undefined;
  for (const t of list) if (isReal(t)) return t;
  return undefined;
}
function nodesOf(c: Children, key: string): CstNode[] {
  return (c[key] ?? []) as CstNode[];
}
function nodeOf(c: Children, key: string): CstNode | undefined {
  return nodesOf(c, key)[0];
}
function defined<T>(xs: (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly lines: LineIndex) {}

  program(cst: CstNode, comments: IToken[]): A.Program {
    return {
      kind: 'Program',
      items: defined(nodesOf(cst.children, 'item').map((n) => this.item(n))),
      comments: comments.map((t) => ({ kind: 'Comment', text: t.image, span: this.tokenSpan(t) })),
      span: this.lines.span(0, this.lines.text.length),
    };
  }

  // ---- spans ----

  private tokenSpan(t: IToken): Span {
    return this.lines.span(t.startOffset, t.startOffset + t.image.length);
  }

  /** A node's span from its location; recovered nodes may lack one, then it is rebuilt from tokens. */
  private span(n: CstNode): Span {
    const loc = n.location;
    if (loc !== undefined && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset)) {
      return this.lines.span(loc.startOffset, (loc.endOffset as number) + 1);
    }
    let lo = Infinity;
    let hi = -Infinity;
    const walk = (e: CstElement) => {
      if ('children' in e) {
        for (const list of Object.values(e.children)) for (const x of list) walk(x);
      } else if (isReal(e)) {
        lo = Math.min(lo, e.startOffset);
        hi = Math.max(hi, e.startOffset + e.image.length);
      }
    };
    walk(n);
    return Number.isFinite(lo) ? this.lines.span(lo, hi) : this.lines.endSpan();
  }

  private ident(t: IToken | undefined): A.Ident | undefined {
    return isReal(t) ? { kind: 'Ident', name: t.image, span: this.tokenSpan(t) } : undefined;
  }

  private number(t: IToken | undefined): A.NumberLit | undefined {
    if (!isReal(t)) return undefined;
    return { kind: 'NumberLit', text: t.image, value: Number(t.image), isInteger: /^\d+$/.test(t.image), span: this.tokenSpan(t) };
  }

  // ---- items ----

  private item(n: CstNode): A.Item | undefined {
    const c = n.children;
    const mesh = nodeOf(c, 'meshDecl');
    if (mesh) return this.meshDecl(mesh);
    const dim = nodeOf(c, 'dimDecl');
    if (dim) return this.dimDecl(dim);
    const func = nodeOf(c, 'funcDecl');
    return func && this.funcDecl(func);
  }

  private meshDecl(n: CstNode): A.MeshDecl | undefined {
    const c = n.children;
    const name = this.ident(tokenOf(c, 'name'));
    const axes = defined(nodesOf(c, 'axisDecl').map((a) => this.axisDecl(a)));
    if (!name || axes.length === 0) return undefined;
    const kind = tokenOf(c, 'TpuV3');
    const chipsKw = tokenOf(c, 'Chips');
    const chips = defined(nodesOf(c, 'chip').map((x) => this.intExpr(x)));
    const devicesKw = tokenOf(c, 'Devices');
    const devices = defined(tokensOf(c, 'device').map((t) => this.number(t)));
    const closing = (key: string) => tokenOf(c, key);
    const extent = (kw: IToken, close: IToken | undefined, last: Span | undefined): Span =>
      joinSpans(this.tokenSpan(kw), close ? this.tokenSpan(close) : (last ?? this.tokenSpan(kw)));
    return {
      kind: 'MeshDecl',
      name,
      topology: kind ? 'tpu_v3' : 'plain',
      ...(kind && { topologySpan: this.tokenSpan(kind) }),
      axes,
      ...(chipsKw && { chips, chipsSpan: extent(chipsKw, closing('chipsClose'), chips[chips.length - 1]?.span) }),
      ...(devicesKw && { devices, devicesSpan: extent(devicesKw, closing('devicesClose'), devices[devices.length - 1]?.span) }),
      span: this.span(n),
    };
  }

  private axisDecl(n: CstNode): A.MeshAxisDecl | undefined {
    const name = this.ident(tokenOf(n.children, 'name'));
    const size = this.intExprOf(n.children);
    return name && size && { kind: 'MeshAxisDecl', name, size, span: this.span(n) };
  }

  private dimDecl(n: CstNode): A.DimDecl | undefined {
    const name = this.ident(tokenOf(n.children, 'name'));
    const value = this.intExprOf(n.children);
    return name && value && { kind: 'DimDecl', name, value, span: this.span(n) };
  }

  // ---- integer expressions ----

  private intExprOf(c: Children, key = 'intExpr'): A.IntExpr | undefined {
    const n = nodeOf(c, key);
    return n && this.intExpr(n);
  }

  private intExpr(n: CstNode): A.IntExpr | undefined {
    const operands = nodesOf(n.children, 'operand').map((a) => this.intAtom(a));
    return climb(operands, tokensOf(n.children, 'op'), (op, lhs, rhs) => ({
      kind: 'IntBinary',
      op,
      lhs,
      rhs,
      span: joinSpans(lhs.span, rhs.span),
    }));
  }

  private intAtom(n: CstNode): A.IntExpr | undefined {
    const c = n.children;
    const num = tokenOf(c, 'NumberLiteral');
    if (num) return this.number(num);
    const name = this.ident(tokenOf(c, 'Identifier'));
    if (name) return { kind: 'DimRef', name, span: name.span };
    return this.intExprOf(c);
  }

  // ---- layers and models ----

  private funcDecl(n: CstNode): A.FuncDecl | undefined {
    const c = n.children;
    const name = this.ident(tokenOf(c, 'name'));
    const open = tokenOf(c, 'LBrace');
    if (!name || !open) return undefined;
    const results = nodeOf(c, 'results');
    const mesh = this.ident(tokenOf(c, 'mesh'));
    const close = tokenOf(c, 'RBrace');
    const span = this.span(n);
    return {
      kind: 'FuncDecl',
      isModel: tokenOf(c, 'Model') !== undefined,
      name,
      inputs: defined(nodesOf(c, 'inputDecl').map((i) => this.inputDecl(i))),
      results: results ? defined(nodesOf(results.children, 'typeRef').map((t) => this.typeRef(t))) : [],
      ...(mesh && { mesh }),
      body: defined(nodesOf(c, 'stmt').map((s) => this.stmt(s))),
      bodySpan: joinSpans(this.tokenSpan(open), close ? this.tokenSpan(close) : span),
      span,
    };
  }

  private inputDecl(n: CstNode): A.InputDecl | undefined {
    const c = n.children;
    const name = this.ident(tokenOf(c, 'name'));
    const typeNode = nodeOf(c, 'typeRef');
    const type = typeNode && this.typeRef(typeNode);
    if (!name || !type) return undefined;
    const annotation = this.annotationOf(c);
    return { kind: 'InputDecl', name, type, ...(annotation && { annotation }), span: this.span(n) };
  }

  private typeRef(n: CstNode): A.TypeRef | undefined {
    const c = n.children;
    const dtype = this.ident(tokenOf(c, 'dtype'));
    if (!dtype || !tokenOf(c, 'RBracket')) return undefined;
    return { kind: 'TypeRef', dtype, dims: defined(tokensOf(c, 'dim').map((t) => this.ident(t))), span: this.span(n) };
  }

  // ---- statements ----

  private stmt(n: CstNode): A.Stmt | undefined {
    const c = n.children;
    const param = nodeOf(c, 'paramDecl');
    if (param) return this.paramDecl(param);
    const ret = nodeOf(c, 'returnStmt');
    if (ret) return this.returnStmt(ret);
    const binding = nodeOf(c, 'binding');
    return binding && this.binding(binding);
  }

  private paramDecl(n: CstNode): A.ParamDecl | undefined {
    const c = n.children;
    const name = this.ident(tokenOf(c, 'name'));
    const typeNode = nodeOf(c, 'typeRef');
    const type = typeNode && this.typeRef(typeNode);
    if (!name || !type) return undefined;
    const annotation = this.annotationOf(c);
    return { kind: 'ParamDecl', name, type, ...(annotation && { annotation }), span: this.span(n) };
  }

  private returnStmt(n: CstNode): A.ReturnStmt | undefined {
    const values = nodesOf(n.children, 'expr').map((e) => this.expr(e));
    if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
    return { kind: 'ReturnStmt', values: defined(values), span: this.span(n) };
  }

  private binding(n: CstNode): A.Binding | undefined {
    const c = n.children;
    const names = defined(tokensOf(c, 'name').map((t) => this.ident(t)));
    const exprNode = nodeOf(c, 'expr');
    const value = exprNode && this.expr(exprNode);
    if (names.length === 0 || !value || !tokenOf(c, 'Equals')) return undefined;
    const annotation = this.annotationOf(c);
    return { kind: 'Binding', names, value, ...(annotation && { annotation }), span: this.span(n) };
  }

  // ---- expressions ----

  private expr(n: CstNode): A.Expr | undefined {
    const operands = nodesOf(n.children, 'operand').map((o) => this.operand(o));
    return climb(operands, tokensOf(n.children, 'op'), (op, lhs, rhs) => ({
      kind: 'Binary',
      op,
      lhs,
      rhs,
      span: joinSpans(lhs.span, rhs.span),
    }));
  }

  /** `- - x`: the signs apply innermost-last, each Unary spanning from its sign to the end. */
  private operand(n: CstNode): A.Expr | undefined {
    let e = this.primary(n);
    const signs = tokensOf(n.children, 'minus');
    for (let i = signs.length - 1; i >= 0 && e; i--) {
      e = { kind: 'Unary', op: '-', operand: e, span: joinSpans(this.tokenSpan(signs[i]!), e.span) };
    }
    return e;
  }

  /** The primary part of an operand (its alternatives are inline in the `operand` rule). */
  private primary(n: CstNode): A.Expr | undefined {
    const c = n.children;
    const num = tokenOf(c, 'NumberLiteral');
    if (num) return this.number(num);
    const str = tokenOf(c, 'StringLiteral');
    if (str) return { kind: 'StringLit', value: unquote(str.image, str.tokenType !== UnterminatedString), span: this.tokenSpan(str) };
    const inner = nodeOf(c, 'expr');
    if (inner) {
      const e = this.expr(inner);
      const open = tokenOf(c, 'LParen');
      const close = tokenOf(c, 'RParen');
      return e && open && close ? { kind: 'Paren', inner: e, span: joinSpans(this.tokenSpan(open), this.tokenSpan(close)) } : undefined;
    }
    const list = nodeOf(c, 'listLit');
    if (list) return this.listLit(list);
    const repeat = nodeOf(c, 'repeatCall');
    if (repeat) return this.repeatCall(repeat);
    return this.nameOrCall(n);
  }

  private listLit(n: CstNode): A.ListLit | undefined {
    const elements = nodesOf(n.children, 'expr').map((e) => this.expr(e));
    if (elements.some((e) => e === undefined) || !tokenOf(n.children, 'RBracket')) return undefined;
    return { kind: 'ListLit', elements: defined(elements), span: this.span(n) };
  }

  private repeatCall(n: CstNode): A.RepeatCall | undefined {
    const c = n.children;
    const atom = nodeOf(c, 'intAtom');
    const count = atom && this.intAtom(atom);
    const callee = this.ident(tokenOf(c, 'callee'));
    const argsNode = nodeOf(c, 'callArgs');
    const args = argsNode && this.callArgs(argsNode);
    if (!count || !callee || !argsNode || !args) return undefined;
    const call: A.Call = { kind: 'Call', callee, args, span: joinSpans(callee.span, this.span(argsNode)) };
    return { kind: 'RepeatCall', count, call, span: this.span(n) };
  }

  /** The last alternative of an operand: a name, or a call when arguments follow. */
  private nameOrCall(n: CstNode): A.Call | A.NameRef | undefined {
    const c = n.children;
    const name = this.ident(tokenOf(c, 'name'));
    if (!name) return undefined;
    const argsNode = nodeOf(c, 'callArgs');
    if (!argsNode) return { kind: 'NameRef', name, span: name.span };
    const args = this.callArgs(argsNode);
    // Not the operand's span: that one starts at its '-' signs.
    return args && { kind: 'Call', callee: name, args, span: joinSpans(name.span, this.span(argsNode)) };
  }

  private callArgs(n: CstNode): A.CallArg[] | undefined {
    if (!tokenOf(n.children, 'RParen')) return undefined;
    const args = nodesOf(n.children, 'callArg').map((a) => this.callArg(a));
    return args.some((a) => a === undefined) ? undefined : defined(args);
  }

  private callArg(n: CstNode): A.CallArg | undefined {
    const c = n.children;
    const exprNode = nodeOf(c, 'expr');
    const value = exprNode && this.expr(exprNode);
    if (!value) return undefined;
    const name = this.ident(tokenOf(c, 'name'));
    return { kind: 'CallArg', ...(name && { name }), value, span: this.span(n) };
  }

  // ---- annotations ----

  private annotationOf(c: Children): A.Annotation | undefined {
    const n = nodeOf(c, 'annotation');
    return n && this.annotation(n);
  }

  private annotation(n: CstNode): A.Annotation | undefined {
    const c = n.children;
    const span = this.span(n);
    if (tokenOf(c, 'Replicate')) return { kind: 'ReplicateAnn', span };
    const split = nodeOf(c, 'splitAnn');
    if (split) {
      const s = split.children;
      const dimToken = tokenOf(s, 'dim');
      const dim = dimToken?.tokenType === NumberLiteral ? this.number(dimToken) : this.ident(dimToken);
      const count = this.intExprOf(s);
      return dim && count && tokenOf(s, 'RParen') ? { kind: 'SplitAnn', dim, count, span } : undefined;
    }
    const shard = nodeOf(c, 'shardAnn');
    if (shard) {
      const nested = nodeOf(shard.children, 'nestedInts');
      const assignment = nested && this.nestedInts(nested);
      return assignment && tokenOf(shard.children, 'RParen') ? { kind: 'ShardAnn', assignment, span } : undefined;
    }
    const axes = nodeOf(c, 'axisAnn');
    return axes && this.axisAnn(axes, span);
  }

  private nestedInts(n: CstNode): A.NestedInts | undefined {
    if (!tokenOf(n.children, 'RBracket')) return undefined;
    const elements = nodesOf(n.children, 'nestedElement').map((e) => {
      const inner = nodeOf(e.children, 'nestedInts');
      return inner ? this.nestedInts(inner) : this.number(tokenOf(e.children, 'NumberLiteral'));
    });
    if (elements.length === 0 || elements.some((e) => e === undefined)) return undefined;
    return { kind: 'NestedInts', elements: defined(elements), span: this.span(n) };
  }

  private axisAnn(n: CstNode, span: Span): A.AxisAnn | undefined {
    const c = n.children;
    if (!tokenOf(c, 'RBracket')) return undefined;
    const dims = nodesOf(c, 'dimSpec').map((d) => this.dimSpec(d));
    if (dims.some((d) => d === undefined)) return undefined;
    const axisList = (key: string) => {
      const list = nodeOf(c, key);
      return list ? defined(tokensOf(list.children, 'axis').map((t) => this.ident(t))) : [];
    };
    return { kind: 'AxisAnn', dims: defined(dims), replicated: axisList('replicated'), unreduced: axisList('unreduced'), span };
  }

  private dimSpec(n: CstNode): A.DimSpec | undefined {
    const c = n.children;
    let axes: A.Ident[];
    const list = nodeOf(c, 'axisList');
    const axis = tokenOf(c, 'axis');
    if (list) {
      const tokens = tokensOf(list.children, 'axis');
      for (const t of tokens.filter((t) => t.image === '_')) {
        this.report('syntax-invalid-dim-spec', `Expected a mesh axis inside '( )' but found '_'.`, this.tokenSpan(t));
      }
      axes = defined(tokens.filter((t) => t.image !== '_').map((t) => this.ident(t)));
    } else if (axis) {
      axes = axis.image === '_' ? [] : [this.ident(axis)!];
    } else if (tokenOf(c, 'openOnly')) {
      axes = [];
    } else if (tokenOf(c, 'invalid')) {
      const bad = tokenOf(c, 'invalid')!;
      this.report('syntax-invalid-dim-spec', `Expected a dim spec ('_', '?', a mesh axis or '(axis, ...)') but found ${describeFound(bad)}.`, this.tokenSpan(bad));
      return undefined;
    } else {
      return undefined;
    }
    const open = tokenOf(c, 'openOnly') !== undefined || tokenOf(c, 'open') !== undefined;
    const priorityToken = tokenOf(c, 'priority');
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
    return { kind: 'DimSpec', axes, open, ...(priority !== undefined && { priority }), span: this.span(n) };
  }

  private report(code: string, message: string, span: Span): void {
    this.diagnostics.push(diagnostic(code, 'error', message, span));
  }
}

type Op = '+' | '-' | '*' | '/';
const precedence = (op: string): number => (op === '+' || op === '-' ? 1 : 2);

/**
 * Builds a left-associative tree from a flat `operand (op operand)*` list with `* /` binding
 * tighter than `+ -` (operator-precedence parsing, iterative so long chains cannot overflow).
 * Undefined when any operand is missing (a recovered parse).
 */
function climb<E>(operands: (E | undefined)[], ops: IToken[], make: (op: Op, lhs: E, rhs: E) => E): E | undefined {
  if (operands.length === 0 || operands.length !== ops.length + 1 || operands.some((o) => o === undefined)) return undefined;
  const values = [operands[0] as E];
  const pending: Op[] = [];
  const reduce = () => {
    const rhs = values.pop()!;
    const lhs = values.pop()!;
    values.push(make(pending.pop()!, lhs, rhs));
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!.image as Op;
    while (pending.length > 0 && precedence(pending[pending.length - 1]!) >= precedence(op)) reduce();
    pending.push(op);
    values.push(operands[i + 1] as E);
  }
  while (pending.length > 0) reduce();
  return values[0];
}

/** The value of a string token: quotes removed, `\"` and `\\` unescaped (other escapes kept as written). */
export function unquote(image: string, terminated = true): string {
  const body = image.slice(1, terminated ? -1 : undefined);
  return body.replace(/\\(["\\])/g, '$1');
}
