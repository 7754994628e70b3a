// The import graph of the sources: no circle between files of a package, none between the folders of
// compiler/src, and no library folder importing the CLI. Reads the import statements of the .ts
// sources (type-only imports count: a circle of types is still a circle of design).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from './helpers/repo.js';

// `import ... from 'x'` / `export ... from 'x'` (over lines), `import('x')`, and the bare `import 'x'`
const IMPORT = new RegExp([
  /(?:^|[\n;])\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/.source,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/.source,
  /(?:^|\n)\s*import\s*['"]([^'"]+)['"]/.source,
].join('|'), 'g');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** File -> the files of the same tree it imports (relative specifiers only; `x.js` names `x.ts`). */
export function importGraph(dir: string): Map<string, string[]> {
  const files = sources(dir);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec || !spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (known.has(target)) deps.add(target);
    }
    graph.set(file, [...deps]);
  }
  return graph;
}

/** The strongly connected components with more than one node (Tarjan), each sorted. */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!)); // both set on visit
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!)); // both set on visit
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** compiler/src as folders: a file in `ir/` is node `ir`; a file at the top is its own node. */
function folderGraph(dir: string, files: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const node = (f: string) => relative(dir, f).split(sep)[0]!; // a relative path has a first part
  const graph = new Map<string, Set<string>>();
  for (const [file, deps] of files) {
    const from = node(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const d of deps) if (node(d) !== from) edges.add(node(d));
  }
  return new Map([...graph].map(([k, v]) => [k, [...v]]));
}

/** Which edges of a circle exist, as `a -> b` lines, for the failure message. */
function describe(circle: readonly string[], graph: ReadonlyMap<string, readonly string[]>, base: string): string {
  const inCircle = new Set(circle);
  const edges = circle.flatMap((a) => (graph.get(a) ?? []).filter((b) => inCircle.has(b))
    .map((b) => `${relative(base, a)} -> ${relative(base, b)}`));
  return `  circle: ${edges.join(', ')}`;
}

for (const pkg of ['grammar/src', 'compiler/src', 'lsp/src']) {
  test(`no import circle between the files of ${pkg}`, () => {
    const dir = join(ROOT, pkg);
    const graph = importGraph(dir);
    const found = circles(graph);
    const text = found.map((c) => describe(c, graph, dir)).join('\n');
    assert.equal(found.length, 0, `${pkg} has import circles:\n${text}`);
  });
}

test('no import circle between the folders of compiler/src', () => {
  const dir = join(ROOT, 'compiler', 'src');
  const graph = folderGraph(dir, importGraph(dir));
  const found = circles(graph);
  const text = found.map((c) => describe(c, graph, '.')).join('\n');
  assert.equal(found.length, 0, `compiler/src has folder circles:\n${text}`);
});

test('library code never imports the CLI (only cli/ itself and the package entry do)', () => {
  const dir = join(ROOT, 'compiler', 'src');
  const cli = join(dir, 'cli') + sep;
  const bad: string[] = [];
  for (const [file, deps] of importGraph(dir)) {
    if (file.startsWith(cli) || file === join(dir, 'index.ts')) continue;
    for (const d of deps) if (d.startsWith(cli)) bad.push(`${relative(dir, file)} -> ${relative(dir, d)}`);
  }
  assert.deepEqual(bad, []);
});

test('the circle finder finds a circle of three and ignores a chain', () => {
  assert.deepEqual(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
  assert.deepEqual(circles(new Map([['a', ['b']], ['b', ['c']], ['c', []]])), []);
});
