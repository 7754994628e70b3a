// Generic walks over the grammar's AST: every node is an object with `kind` and `span`.

import type { Node, Program, FuncDecl, Call } from '@gshard/grammar';
import { touches } from './convert.js';

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'kind' in x && 'span' in x;
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, v] of Object.entries(node)) {
    if (key === 'span' || key === 'comments') continue;
    if (Array.isArray(v)) { for (const x of v) if (isNode(x)) out.push(x); } else if (isNode(v)) out.push(v);
  }
  return out;
}

/** Pre-order walk; `visit` returns false to skip a node's children. */
export function walk(node: Node, visit: (n: Node, parent: Node | undefined) => boolean | void, parent?: Node): void {
  if (visit(node, parent) === false) return;
  for (const c of children(node)) walk(c, visit, node);
}

/** The chain of nodes containing `offset`, outermost first. */
export function pathAt(program: Program, offset: number): Node[] {
  const path: Node[] = [];
  let cur: Node | undefined = program;
  while (cur) {
    path.push(cur);
    cur = children(cur).find((c) => touches(c.span, offset));
  }
  return path;
}

export function funcAt(program: Program, offset: number): FuncDecl | undefined {
  return program.items.find((i): i is FuncDecl => i.kind === 'FuncDecl' && touches(i.span, offset));
}

/** The innermost call whose callee name is under the cursor, or which contains it. */
export function callAt(program: Program, offset: number): { call: Call; onCallee: boolean } | undefined {
  const path = pathAt(program, offset);
  for (const n of [...path].reverse()) {
    if (n.kind === 'Call') return { call: n, onCallee: touches(n.callee.span, offset) };
  }
  return undefined;
}
