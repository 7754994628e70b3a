// Mesh declarations to Mesh values, with problems reported at the narrowest source span.

import type { MeshDecl, Program, Span } from '@gshard/grammar';
import { makeMesh, type MeshAxis } from '../ir/mesh.js';
import { evalWithDims } from './dims.js';
import { sentence, type LowerContext } from './context.js';
import { LIMITS, limitMessage } from '../limits.js';

export function resolveMeshes(program: Program, ctx: LowerContext): void {
  for (const item of program.items) {
    if (item.kind === 'MeshDecl') resolveMesh(item, ctx);
  }
}

function resolveMesh(decl: MeshDecl, ctx: LowerContext): void {
  const prior = ctx.meshes.get(decl.name.name);
  if (prior) {
    ctx.error('name-mesh-redefined', `Mesh ${decl.name.name} is defined twice.`, decl.name.span, {
      name: decl.name.name, related: [{ message: 'first defined here', span: prior.span }],
    });
    return;
  }
  const axes: MeshAxis[] = [];
  for (const a of decl.axes) {
    const size = evalWithDims(a.size, ctx);
    if (size === undefined) return;
    axes.push({ name: a.name.name, size });
  }
  if (axes.length === 0) {
    ctx.error('mesh-no-axes', `Mesh ${decl.name.name} needs at least one named axis, e.g. [x = 8].`, decl.name.span);
    return;
  }
  // counted exactly (a product of large sizes is past 2^53 and would print rounded)
  const devices = axes.reduce((n, a) => n * BigInt(a.size), 1n);
  if (devices > BigInt(LIMITS.devices.value)) {
    ctx.error('limit-devices', `Mesh ${decl.name.name}: ${limitMessage(LIMITS.devices, devices)}`, decl.name.span);
    return;
  }
  let chips: [number, number] | undefined;
  if (decl.chips) {
    const rows = decl.chips[0] ? evalWithDims(decl.chips[0], ctx) : undefined;
    const cols = decl.chips[1] ? evalWithDims(decl.chips[1], ctx) : undefined;
    if (rows === undefined || cols === undefined) return;
    chips = [rows, cols];
  }
  const built = makeMesh({
    name: decl.name.name,
    kind: decl.topology,
    axes,
    ...(chips ? { chips } : {}),
    ...(decl.devices ? { deviceIds: decl.devices.map((d) => d.value) } : {}),
  });
  for (const p of built.problems) {
    const span: Span =
      p.field === 'axes' ? (p.index !== undefined ? decl.axes[p.index]?.span : undefined) ?? decl.span
      : p.field === 'chips' ? decl.chipsSpan ?? decl.span
      : (p.index !== undefined ? decl.devices?.[p.index]?.span : undefined) ?? decl.devicesSpan ?? decl.span;
    ctx.error(p.code, sentence(p.message), span);
  }
  if (!built.mesh) return;
  const def = { kind: 'mesh' as const, name: decl.name.name, span: decl.name.span, declSpan: decl.span };
  ctx.symbols.definitions.push(def);
  for (const a of decl.axes) {
    ctx.symbols.definitions.push({ kind: 'axis', name: a.name.name, span: a.name.span, declSpan: a.span,
      scope: decl.name.name });
  }
  ctx.meshes.set(decl.name.name, { mesh: built.mesh, span: decl.name.span, def });
}

