// Sharding annotations in the source (replicate, split, shard, the mesh-axis form) to Sharding values.

import type { Annotation, AxisAnn, Span } from '@gshard/grammar';
import type { TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import { makeSharding, replicatedSharding, validateSharding, type Sharding,
  type ShardingProblem } from '../ir/sharding.js';
import { fromDeviceAssignment, fromSplit } from '../sharding/gshard-forms.js';
import { evalWithDims } from './dims.js';
import { sentence, type LowerContext } from './context.js';
import { at } from '../util/checked.js';

type Nested = number | Nested[];

/** Lowers and validates one annotation for a tensor of `type`; undefined after reporting a problem. */
export function lowerAnnotation(ann: Annotation, type: TensorType, mesh: Mesh,
  ctx: LowerContext): Sharding | undefined {
  let sharding: Sharding | undefined;
  switch (ann.kind) {
    case 'ReplicateAnn':
      sharding = replicatedSharding(mesh, type.dims.length);
      break;
    case 'SplitAnn': {
      const count = evalWithDims(ann.count, ctx);
      if (count === undefined) return undefined;
      let dim: number;
      if (ann.dim.kind === 'Ident') {
        dim = type.dims.findIndex((d) => d.name === (ann.dim as { name: string }).name);
        if (dim < 0) {
          ctx.error('shard-unknown-dim',
            `split names dim ${ann.dim.name}, but the tensor has dims [${type.dims.map((d) => d.name).join(', ')}].`,
            ann.dim.span);
          return undefined;
        }
      } else {
        dim = ann.dim.value;
        if (!Number.isInteger(dim) || dim < 0 || dim >= type.dims.length) {
          ctx.error('shard-unknown-dim',
            `split dim index must be 0..${type.dims.length - 1} for a rank-${type.dims.length} tensor but is ` +
            `${ann.dim.text}.`, ann.dim.span);
          return undefined;
        }
      }
      const made = fromSplit(type, dim, count, mesh);
      if (made.problem) return reportProblem(made.problem, ann.span, ctx);
      sharding = made.sharding;
      break;
    }
    case 'ShardAnn': {
      const made = fromDeviceAssignment(type, toNested(ann.assignment), mesh);
      if (made.problem) return reportProblem(made.problem, ann.assignment.span, ctx);
      sharding = made.sharding;
      break;
    }
    case 'AxisAnn':
      sharding = lowerAxisAnn(ann, mesh);
      break;
  }
  const problems = validateSharding(sharding, type, mesh);
  let failed = false;
  for (const p of problems) {
    const span = spanOfProblem(ann, p);
    ctx.report(p.code, p.severity, sentence(p.message), span,
      p.suggestion ? { fix: { title: `Replace with '${p.suggestion}'`, edits: [{ span, newText: p.suggestion }] } }
        : {});
    if (p.severity === 'error') failed = true;
  }
  return failed ? undefined : sharding;
}

function lowerAxisAnn(ann: AxisAnn, mesh: Mesh): Sharding {
  return makeSharding(mesh, ann.dims.map((d) => ({
    axes: d.axes.map((a) => a.name),
    closed: !d.open,
    ...(d.priority !== undefined ? { priority: d.priority } : {}),
  })), { replicated: ann.replicated.map((a) => a.name), unreduced: ann.unreduced.map((a) => a.name) });
}

/** The narrowest span for a validation problem: the dim entry or the axis name when known. */
function spanOfProblem(ann: Annotation, p: ShardingProblem): Span {
  if (ann.kind !== 'AxisAnn') return ann.span;
  if (p.axis !== undefined) {
    const all = [...ann.dims.flatMap((d) => d.axes), ...ann.replicated, ...ann.unreduced];
    const hits = all.filter((a) => a.name === p.axis);
    // For a reused axis the second use is the offending one.
    const hit = p.code === 'shard-axis-reused' ? hits[1] ?? hits[0] : hits[0];
    if (hit) return hit.span;
  }
  if (p.dim !== undefined && ann.dims[p.dim]) return at(ann.dims, p.dim, 'ann.dims').span;
  return ann.span;
}

function reportProblem(p: { code: string; message: string }, span: Span, ctx: LowerContext): undefined {
  ctx.error(p.code, sentence(p.message), span);
  return undefined;
}

function toNested(n: import('@gshard/grammar').NestedInts): Nested[] {
  return n.elements.map((e) => (e.kind === 'NumberLit' ? e.value : toNested(e)));
}

