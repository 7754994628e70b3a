// Shardy (sdy dialect) text: `#sdy.sharding<@mesh, [{"x"}, {"y", ?}p1, {}], replicated={"z"}>`, meshes `<["x"=2]>`.

import { isIotaMesh, type Mesh, type MeshAxis, type MeshSpec } from '../ir/mesh.js';
import { makeSharding, shardingError, type DimSharding, type Sharding, type ShardingResult } from '../ir/sharding.js';
import { at } from '../util/checked.js';

const quote = (a: string): string => `"${a}"`;

function dimToShardy(d: DimSharding): string {
  const items = d.axes.map(quote);
  if (!d.closed) items.push('?');
  return `{${items.join(', ')}}${d.priority !== undefined ? `p${d.priority}` : ''}`;
}

/** The sharding attribute as Shardy prints it (open dims end in `?`, priorities follow the brace). */
export function toShardySharding(s: Sharding): string {
  return `#sdy.sharding${toShardyTensorSharding(s)}`;
}

/** The bare `<@mesh, [...]>` form used by sdy.sharding_constraint and sharding_per_value. */
export function toShardyTensorSharding(s: Sharding): string {
  let out = `@${s.mesh}, [${s.dims.map(dimToShardy).join(', ')}]`;
  if (s.replicated.length > 0) out += `, replicated={${s.replicated.map(quote).join(', ')}}`;
  if (s.unreduced.length > 0) out += `, unreduced={${s.unreduced.map(quote).join(', ')}}`;
  return `<${out}>`;
}

/** `<["x"=2, "y"=4]>`, with `device_ids=[...]` when the order is not iota. */
export function shardyMesh(mesh: Mesh): string {
  const axes = `[${mesh.axes.map((a) => `${quote(a.name)}=${a.size}`).join(', ')}]`;
  return isIotaMesh(mesh) ? `<${axes}>` : `<${axes}, device_ids=[${mesh.deviceIds.join(', ')}]>`;
}

/** `sdy.mesh @m = <["x"=2]>`: the module-level declaration. */
export function shardyMeshDecl(mesh: Mesh): string {
  return `sdy.mesh @${mesh.name} = ${shardyMesh(mesh)}`;
}

/** A small cursor over Shardy text; every `expect` failure becomes a `shard-shardy-syntax` problem. */
class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skip(): void { while (this.pos < this.text.length && /\s/.test(at(this.text, this.pos, 'this.text'))) this.pos++; }
  peek(s: string): boolean { this.skip(); return this.text.startsWith(s, this.pos); }
  eat(s: string): boolean { if (this.peek(s)) { this.pos += s.length; return true; } return false; }
  expect(s: string): void { if (!this.eat(s)) throw new SyntaxError(`expected '${s}' at column ${this.pos + 1}`); }
  match(re: RegExp): string {
    this.skip();
    const m = re.exec(this.text.slice(this.pos));
    if (!m || m.index !== 0) {
      throw new SyntaxError(`unexpected '${this.text.slice(this.pos, this.pos + 12)}' at column ${this.pos + 1}`);
    }
    this.pos += m[0].length;
    return m[0];
  }
  atEnd(): boolean { this.skip(); return this.pos >= this.text.length; }
}

class SubAxisError extends Error {}

function axisName(c: Cursor): string {
  const q = c.match(/^"[^"]*"/).slice(1, -1);
  if (c.peek(':')) throw new SubAxisError(`sub-axis "${q}":(...) is not supported yet: split the mesh axis instead`);
  return q;
}

function axisList(c: Cursor): string[] {
  c.expect('{');
  const out: string[] = [];
  while (!c.eat('}')) {
    if (out.length > 0) c.expect(',');
    out.push(axisName(c));
  }
  return out;
}

/** Parses `#sdy.sharding<@m, [...], replicated={..}, unreduced={..}>` (the prefix is optional). */
export function fromShardySharding(text: string): ShardingResult {
  const c = new Cursor(text.trim());
  try {
    c.eat('#sdy.sharding');
    c.expect('<');
    c.expect('@');
    const mesh = c.match(/^[A-Za-z_][A-Za-z0-9_.$-]*/);
    c.expect(',');
    c.expect('[');
    const dims: DimSharding[] = [];
    while (!c.eat(']')) {
      if (dims.length > 0) c.expect(',');
      c.expect('{');
      const axes: string[] = [];
      let closed = true;
      while (!c.eat('}')) {
        if (axes.length > 0 || !closed) c.expect(',');
        if (c.eat('?')) { closed = false; continue; }
        if (!closed) throw new SyntaxError(`'?' must come last in a dim sharding (column ${c.pos + 1})`);
        axes.push(axisName(c));
      }
      let priority: number | undefined;
      if (c.text[c.pos] === 'p') { c.pos++; priority = Number(c.match(/^\d+/)); }
      dims.push(priority === undefined ? { axes, closed } : { axes, closed, priority });
    }
    let replicated: string[] = [];
    let unreduced: string[] = [];
    while (c.eat(',')) {
      if (c.eat('replicated')) { c.expect('='); replicated = axisList(c); }
      else if (c.eat('unreduced')) { c.expect('='); unreduced = axisList(c); }
      else throw new SyntaxError(`expected 'replicated=' or 'unreduced=' at column ${c.pos + 1}`);
    }
    c.expect('>');
    if (!c.atEnd()) throw new SyntaxError(`unexpected text after '>' at column ${c.pos + 1}`);
    return { sharding: makeSharding(mesh, dims, { replicated, unreduced }) };
  } catch (e) {
    if (e instanceof SubAxisError) return shardingError('shard-sub-axis', e.message);
    if (e instanceof SyntaxError) return shardingError('shard-shardy-syntax', `${e.message} in '${text.trim()}'`);
    throw e;
  }
}

/** Parses a Shardy mesh `<["x"=2, "y"=4], device_ids=[...]>` into a spec (plain topology: Shardy knows none). */
export function parseShardyMesh(text: string, name: string): MeshSpec | { error: string } {
  const c = new Cursor(text.trim());
  try {
    c.expect('<');
    c.expect('[');
    const axes: MeshAxis[] = [];
    while (!c.eat(']')) {
      if (axes.length > 0) c.expect(',');
      const n = c.match(/^"[^"]*"/).slice(1, -1);
      c.expect('=');
      axes.push({ name: n, size: Number(c.match(/^\d+/)) });
    }
    const spec: MeshSpec = { name, kind: 'plain', axes };
    if (c.eat(',')) {
      c.expect('device_ids');
      c.expect('=');
      c.expect('[');
      const ids: number[] = [];
      while (!c.eat(']')) {
        if (ids.length > 0) c.expect(',');
        ids.push(Number(c.match(/^\d+/)));
      }
      spec.deviceIds = ids;
    }
    c.expect('>');
    return spec;
  } catch (e) {
    if (e instanceof SyntaxError) return { error: `${e.message} in Shardy mesh '${text.trim()}'` };
    throw e;
  }
}
