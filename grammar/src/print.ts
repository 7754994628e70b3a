// The canonical printer: AST -> source with 2-space indent, one statement per line, `a, b` and
// `a = b` spacing, and the comments kept (leading ones on their own lines, end-of-line ones trailing).
// Comments inside a statement or a header move to just before it. print(parse(print(x))) == print(x).

import type * as A from './ast.js';
import type { Span } from './diagnostic.js';

export function print(program: A.Program): string {
  const p = new Printer(program.comments);
  p.sequence(program.items, 0, Infinity, (item) => p.item(item));
  p.flushComments(Infinity, 0);
  return p.text();
}

const INDENT = '  ';

class Printer {
  private readonly out: string[] = [];
  private readonly comments: readonly A.Comment[];
  private next = 0;
  /** Source line where the last printed element ended; undefined at the start of a block. */
  private lastLine: number | undefined;

  constructor(comments: readonly A.Comment[]) {
    this.comments = [...comments].sort((a, b) => a.span.start.offset - b.span.start.offset);
  }

  text(): string {
    return this.out.length === 0 ? '' : `${this.out.join('\n')}\n`;
  }

  // ---- layout and comments ----

  /** Starts a new output line, keeping one blank line where the source had at least one. */
  private line(indent: number, text: string, span: Span): void {
    if (this.lastLine !== undefined && span.start.line - this.lastLine > 1) this.out.push('');
    this.out.push(INDENT.repeat(indent) + text);
    this.lastLine = span.end.line;
  }

  private appendToLine(text: string, span: Span): void {
    this.out[this.out.length - 1] += ` ${text}`;
    this.lastLine = span.end.line;
  }

  /** Prints, each on its own line, every pending comment that starts before `offset`. */
  flushComments(offset: number, indent: number): void {
    for (let c = this.comments[this.next]; c && c.span.start.offset < offset; c = this.comments[this.next]) {
      this.next++;
      // Trailing blanks are not kept (an unterminated comment would otherwise grow a line per print).
      this.line(indent, c.text.trimEnd(), c.span);
    }
  }

  /** Appends the pending comments that start on `line` and before `limit` to the current line. */
  private trailing(line: number, limit: number): void {
    for (let c = this.comments[this.next]; c; c = this.comments[this.next]) {
      if (c.span.start.line !== line || c.span.start.offset >= limit) break;
      this.appendToLine(c.text.trimEnd(), c.span);
      this.next++;
    }
  }

  /** Prints items or statements with their leading, inner and trailing comments. */
  sequence<N extends { readonly span: Span }>(
    nodes: readonly N[],
    indent: number,
    limit: number,
    emit: (n: N) => void,
  ): void {
    nodes.forEach((node, i) => {
      this.flushComments(node.span.start.offset, indent);
      emit(node);
      const nextStart = nodes[i + 1]?.span.start.offset ?? limit;
      this.trailing(node.span.end.line, nextStart);
    });
  }

  // ---- items ----

  item(item: A.Item): void {
    switch (item.kind) {
      case 'MeshDecl':
        this.flushComments(item.span.end.offset, 0);
        this.line(0, this.meshDecl(item), item.span);
        return;
      case 'DimDecl':
        this.flushComments(item.span.end.offset, 0);
        this.line(0, `dim ${item.name.name} = ${intExpr(item.value)}`, item.span);
        return;
      case 'FuncDecl':
        this.funcDecl(item);
        return;
    }
  }

  private meshDecl(m: A.MeshDecl): string {
    let s = `mesh ${m.name.name} = ${m.topology === 'tpu_v3' ? 'tpu_v3 ' : ''}[`;
    s += m.axes.map((a) => `${a.name.name} = ${intExpr(a.size)}`).join(', ') + ']';
    if (m.chips) s += ` chips [${m.chips.map(intExpr).join(', ')}]`;
    if (m.devices) s += ` devices [${m.devices.map((d) => d.text).join(', ')}]`;
    return s;
  }

  private funcDecl(f: A.FuncDecl): void {
    const body = f.bodySpan ?? f.span;
    // Comments in the header (before `{`) go above the declaration.
    this.flushComments(body.start.offset, 0);
    const keyword = `${f.remat ? 'remat ' : ''}${f.isModel ? 'model' : 'layer'}`;
    let header = `${keyword} ${f.name.name}(${f.inputs.map(inputDecl).join(', ')})`;
    const [only] = f.results;
    if (only && f.results.length === 1) header += ` -> ${typeRef(only)}`;
    else if (f.results.length > 1) header += ` -> (${f.results.map(typeRef).join(', ')})`;
    if (f.mesh) header += ` on ${f.mesh.name}`;
    this.line(0, `${header} {`, { start: f.span.start, end: body.start });
    const close = body.end.offset - 1;
    this.trailing(body.start.line, f.body[0]?.span.start.offset ?? close);
    this.lastLine = undefined;
    this.sequence(f.body, 1, close, (s) => this.stmt(s));
    this.flushComments(close, 1);
    this.out.push('}');
    this.lastLine = f.span.end.line;
  }

  // ---- statements ----

  private stmt(s: A.Stmt): void {
    this.flushComments(s.span.end.offset, 1);
    this.line(1, stmt(s), s.span);
  }
}

function stmt(s: A.Stmt): string {
  switch (s.kind) {
    case 'ParamDecl':
      return `param ${s.name.name}: ${typeRef(s.type)}${annotation(s.annotation)}`;
    case 'ReturnStmt':
      return `return ${s.values.map(expr).join(', ')}`;
    case 'Binding':
      return `${s.names.map((n) => n.name).join(', ')} = ${expr(s.value)}${annotation(s.annotation)}`;
  }
}

function inputDecl(i: A.InputDecl): string {
  return `${i.name.name}: ${typeRef(i.type)}${annotation(i.annotation)}`;
}

function typeRef(t: A.TypeRef): string {
  return `${t.dtype.name}[${t.dims.map((d) => d.name).join(', ')}]`;
}

// ---- annotations ----

function annotation(a: A.Annotation | undefined): string {
  if (a === undefined) return '';
  switch (a.kind) {
    case 'ReplicateAnn':
      return ' @ replicate';
    case 'SplitAnn':
      return ` @ split(${a.dim.kind === 'Ident' ? a.dim.name : a.dim.text}, ${intExpr(a.count)})`;
    case 'ShardAnn':
      return ` @ shard(${nestedInts(a.assignment)})`;
    case 'AxisAnn': {
      let s = ` @ [${a.dims.map(dimSpec).join(', ')}]`;
      if (a.replicated.length > 0) s += ` replicated(${a.replicated.map((x) => x.name).join(', ')})`;
      if (a.unreduced.length > 0) s += ` unreduced(${a.unreduced.map((x) => x.name).join(', ')})`;
      return s;
    }
  }
}

function nestedInts(n: A.NestedInts): string {
  return `[${n.elements.map((e) => (e.kind === 'NumberLit' ? e.text : nestedInts(e))).join(', ')}]`;
}

function dimSpec(d: A.DimSpec): string {
  let s: string;
  if (d.axes.length === 0) s = d.open ? '?' : '_';
  else {
    const [only] = d.axes;
    s = only && d.axes.length === 1 ? only.name : `(${d.axes.map((x) => x.name).join(', ')})`;
    if (d.open) s += '?';
  }
  return d.priority === undefined ? s : `${s} p${d.priority}`;
}

// ---- expressions (parentheses only where precedence needs them) ----

type Op = '+' | '-' | '*' | '/';
const precedence = (op: Op): number => (op === '+' || op === '-' ? 1 : 2);

/**
 * Prints a left-associative chain without recursing down its left spine (a long `a + b + ...`
 * is a deep tree). `parts` gives a node's operator and operands, or undefined for a non-chain node.
 */
function chain<E>(
  e: E,
  parts: (e: E) => { op: Op; lhs: E; rhs: E } | undefined, atom: (e: E,
  minPrec: number) => string,
): string {
  const spine: { op: Op; rhs: E }[] = [];
  let cur = e;
  let p = parts(cur);
  while (p) {
    spine.push({ op: p.op, rhs: p.rhs });
    const below = parts(p.lhs);
    if (!below || precedence(below.op) < precedence(p.op)) break;
    cur = p.lhs;
    p = below;
  }
  const last = spine.at(-1);
  const first = parts(cur); // defined whenever the spine is not empty: `cur` is the last chain node
  if (!last || !first) return atom(e, 0);
  let s = atom(first.lhs, precedence(last.op));
  for (const { op, rhs } of spine.reverse()) s += ` ${op} ${atom(rhs, precedence(op) + 1)}`;
  return s;
}

function intExpr(e: A.IntExpr): string {
  return intAt(e, 0);
}

function intAt(e: A.IntExpr, minPrec: number): string {
  switch (e.kind) {
    case 'NumberLit':
      return e.text;
    case 'DimRef':
      return e.name.name;
    case 'IntBinary': {
      const s = chain<A.IntExpr>(e, (x) => (x.kind === 'IntBinary' ? x : undefined), intAt);
      return precedence(e.op) < minPrec ? `(${s})` : s;
    }
  }
}

function expr(e: A.Expr): string {
  return exprAt(e, 0);
}

const UNARY = 3;

function exprAt(e: A.Expr, minPrec: number): string {
  switch (e.kind) {
    case 'Binary': {
      const s = chain<A.Expr>(e, (x) => (x.kind === 'Binary' ? x : undefined), exprAt);
      return precedence(e.op) < minPrec ? `(${s})` : s;
    }
    case 'Unary':
      return `-${exprAt(e.operand, UNARY)}`;
    case 'NumberLit':
      return e.text;
    case 'StringLit':
      return `"${e.value.replace(/[\\"]/g, '\\$&')}"`;
    case 'NameRef':
      return e.name.name;
    case 'Paren':
      return `(${expr(e.inner)})`;
    case 'ListLit':
      return `[${e.elements.map(expr).join(', ')}]`;
    case 'Call':
      return call(e);
    case 'RepeatCall':
      return `${e.remat ? 'remat ' : ''}repeat ${intAt(e.count, UNARY)} ${call(e.call)}`;
  }
}

function call(c: A.Call): string {
  const args = c.args.map((a) => (a.name ? `${a.name.name} = ${expr(a.value)}` : expr(a.value)));
  return `${c.remat ? 'remat ' : ''}${c.callee.name}(${args.join(', ')})`;
}
