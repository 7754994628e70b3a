// Formatting with the canonical printer. A file with syntax errors is left alone: printing a
// recovered AST would delete whatever the parser skipped.

import { parse, print } from '@gshard/grammar';
import type { TextEdit } from 'vscode-languageserver/node';

export function format(text: string): TextEdit[] {
  const parsed = parse(text);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return [];
  const printed = print(parsed.program);
  if (printed === text) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const end = { line: lines.length - 1, character: lines.at(-1)?.length ?? 0 }; // split gives at least one line
  return [{ range: { start: { line: 0, character: 0 }, end }, newText: printed }];
}
