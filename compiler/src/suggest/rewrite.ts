// Plans as source text: an assignment of choices to sites becomes edits of the annotation spans only (comments,
// layout and every other byte stay), and a text with every `repeat N` cut to `repeat 1` for ranking.

import type { Expr, Program } from '@gshard/grammar';
import { type Choice, choiceText } from './choices.js';
import type { Site } from './sites.js';

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Per site key: a choice, or null for no annotation. Sites not in the map keep what the file says. */
export type Assignment = ReadonlyMap<string, Choice | null>;

/** The edit that gives `site` the choice (or removes its annotation), or none when the text already says it. */
export function siteEdit(site: Site, choice: Choice | null): Edit | undefined {
  const a = site.annotation;
  if (choice === null) {
    if (!a) return undefined;
    return { start: site.insertAt, end: a.end, text: '' };
  }
  const text = `@ ${choiceText(choice)}`;
  if (!a) return { start: site.insertAt, end: site.insertAt, text: ` ${text}` };
  return a.text === text ? undefined : { start: a.start, end: a.end, text };
}

export function assignmentEdits(sites: readonly Site[], assignment: Assignment): Edit[] {
  const edits: Edit[] = [];
  for (const site of sites) {
    if (!assignment.has(site.key)) continue;
    const e = siteEdit(site, assignment.get(site.key) ?? null);
    if (e) edits.push(e);
  }
  return edits;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function visitRepeats(e: Expr, found: Edit[]): void {
  switch (e.kind) {
    case 'RepeatCall':
      if (!(e.count.kind === 'NumberLit' && e.count.value === 1)) {
        found.push({ start: e.count.span.start.offset, end: e.count.span.end.offset, text: '1' });
      }
      for (const a of e.call.args) visitRepeats(a.value, found);
      return;
    case 'Call': for (const a of e.args) visitRepeats(a.value, found); return;
    case 'Binary': visitRepeats(e.lhs, found); visitRepeats(e.rhs, found); return;
    case 'Unary': visitRepeats(e.operand, found); return;
    case 'Paren': visitRepeats(e.inner, found); return;
    case 'ListLit': for (const x of e.elements) visitRepeats(x, found); return;
    default: return;
  }
}

/**
 * Edits cutting every `repeat N` to `repeat 1`: instances of a layer share its annotations, so one instance
 * ranks plans as N do (each instance is costed alike); the finalists are costed on the file as written.
 */
export function repeatCuts(program: Program): Edit[] {
  const found: Edit[] = [];
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    for (const s of item.body) {
      if (s.kind === 'Binding') visitRepeats(s.value, found);
      else if (s.kind === 'ReturnStmt') for (const v of s.values) visitRepeats(v, found);
    }
  }
  return found;
}

/** A unified-style diff of the lines a plan changes: `-` old line, `+` new line, with line numbers. */
export function lineDiff(file: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return `--- ${file}\n+++ ${file}\n(line count changed)\n`;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    out.push(`@@ line ${i + 1} @@`, `-${a[i]}`, `+${b[i]}`);
  }
  return out.length === 0 ? '' : [`--- ${file}`, `+++ ${file}`, ...out].join('\n') + '\n';
}
