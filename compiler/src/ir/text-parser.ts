// Parses the textual IR printed by printer.ts back into a Module, so golden tests can start
// mid-pipeline and `parse(print(m))` round trips.

import type { Span } from '@gshard/grammar';
import { IdSource, type Attrs, type Module, type Op, type Value, type ValueRole } from './module.js';
import { parseTypeWithSizes } from './types.js';
import { makeMesh, parseMeshText } from './mesh.js';
import { parseShardingText } from './sharding-text.js';
import { at as checkedAt } from '../util/checked.js';

export type IrParseResult = { module: Module; error?: undefined } | { module?: undefined; error: string };

const HEADER = /^module @([\p{L}\p{N}_.]+) on @([\p{L}\p{N}_.]+) = (.*) view (global|local) \{$/u;
const DECL = new RegExp(String.raw`^%([\p{L}\p{N}_.]+): ((?:f32|bf16|i32|bool)\[[^\]]*\])`
  + String.raw`(?: @ (\[[^\]]*\](?: replicated\([^)]*\))?(?: unreduced\([^)]*\))?)( annotated)?)?`, 'u');
const LOC = /^ loc\((\d+):(\d+)-(\d+):(\d+)\)/;

export function parseModuleText(text: string): IrParseResult {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('//'));
  const header = HEADER.exec(lines[0] ?? '');
  if (!header) return { error: `line 1: expected 'module @name on @mesh = <mesh> view global|local {'` };
  const meshSpec = parseMeshText(checkedAt(header, 3, 'header'), checkedAt(header, 2, 'header'));
  if ('error' in meshSpec) return { error: `line 1: ${meshSpec.error}` };
  const built = makeMesh(meshSpec);
  if (!built.mesh) return { error: `line 1: ${built.problems.map((p) => p.message).join('; ')}` };
  const mesh = built.mesh;
  const ids = new IdSource();
  const values = new Map<string, Value>();
  const module: Module = { name: checkedAt(header, 1, 'header'), mesh, inputs: [], params: [], ops: [], outputs: [],
    view: header[4] as 'global' | 'local' };

  const decl = (src: string, role: ValueRole, at: number): { value: Value; rest: string } | string => {
    const m = DECL.exec(src);
    if (!m) return `line ${at}: expected '%name: type [@ sharding]' at '${src.slice(0, 40)}'`;
    const type = parseTypeWithSizes(checkedAt(m, 2, 'm'));
    if (!type) return `line ${at}: bad type '${m[2]}'`;
    if (values.has(checkedAt(m, 1, 'm'))) return `line ${at}: %${m[1]} is defined twice`;
    const value: Value = { id: ids.valueId(), name: checkedAt(m, 1, 'm'), role, type, span: NO_SPAN };
    if (m[3]) {
      const s = parseShardingText(m[3], mesh.name);
      if (!s.sharding) return `line ${at}: ${s.problem.message}`;
      value.sharding = s.sharding;
      if (m[4]) {
        value.annotation = s.sharding;
        value.origin = { annotated: true, chain: [{ from: value.name, span: NO_SPAN }] };
      }
    }
    values.set(value.name, value);
    return { value, rest: src.slice(m[0].length) };
  };

  for (let i = 1; i < lines.length; i++) {
    const line = checkedAt(lines, i, 'lines');
    const at = i + 1;
    if (line === '}') return { module };
    if (line.startsWith('return')) {
      for (const name of line.slice('return'.length).split(',').map((s) => s.trim()).filter((s) => s !== '')) {
        const v = values.get(name.replace(/^%/, ''));
        if (!v) return { error: `line ${at}: return of undefined ${name}` };
        module.outputs.push(v);
      }
      continue;
    }
    const role = line.startsWith('input ') ? 'input' : line.startsWith('param ') ? 'param' : undefined;
    if (role) {
      const d = decl(line.slice(6), role, at);
      if (typeof d === 'string') return { error: d };
      (role === 'input' ? module.inputs : module.params).push(d.value);
      (d.value as { span: Span }).span = parseLoc(d.rest) ?? NO_SPAN;
      continue;
    }
    const op = parseOpLine(line, at, decl, values, ids);
    if (typeof op === 'string') return { error: op };
    module.ops.push(op);
  }
  return { error: `missing closing '}'` };
}

function parseOpLine(line: string, at: number,
  decl: (src: string, role: ValueRole, at: number) => { value: Value; rest: string } | string,
  values: Map<string, Value>, ids: IdSource): Op | string {
  const results: Value[] = [];
  let rest = line;
  for (;;) {
    const d = decl(rest, 'op', at);
    if (typeof d === 'string') return d;
    results.push(d.value);
    rest = d.rest;
    if (rest.startsWith(', ')) rest = rest.slice(2);
    else break;
  }
  const call = /^ = ([a-z_0-9]+)\(([^)]*)\)/.exec(rest);
  if (!call) return `line ${at}: expected ' = op(%a, %b)' after the results`;
  rest = rest.slice(call[0].length);
  const operands: Value[] = [];
  for (const name of checkedAt(call, 2, 'call').split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const v = values.get(name.replace(/^%/, ''));
    if (!v) return `line ${at}: operand ${name} is not defined before use`;
    operands.push(v);
  }
  let attrs: Attrs = {};
  if (rest.startsWith(' {')) {
    const end = matchingBrace(rest, 1);
    if (end < 0) return `line ${at}: unterminated attributes`;
    try {
      attrs = JSON.parse(rest.slice(1, end + 1)) as Attrs;
    } catch {
      return `line ${at}: attributes are not valid JSON`;
    }
    rest = rest.slice(end + 1);
  }
  const span = parseLoc(rest) ?? NO_SPAN;
  const reasonAt = rest.indexOf('  // ');
  const op: Op = { id: ids.opId(), kind: checkedAt(call, 1, 'call'), operands, results, attrs, span };
  if (reasonAt >= 0) op.reason = rest.slice(reasonAt + 5);
  for (const r of results) (r as { span: Span }).span = span;
  return op;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < s.length; i++) {
    const c = checkedAt(s, i, 's');
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function parseLoc(rest: string): Span | undefined {
  const m = LOC.exec(rest);
  if (!m) return undefined;
  const [l1, c1, l2, c2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  return { start: { offset: 0, line: l1, col: c1 }, end: { offset: 0, line: l2, col: c2 } };
}

const NO_SPAN: Span = { start: { offset: 0, line: 0, col: 0 }, end: { offset: 0, line: 0, col: 0 } };
