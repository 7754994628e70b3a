// Control characters in a source file reach the terminal only as visible escapes (`\x1b`): the
// source line, the message quoting it and the file name are all escaped, and the caret stays under the span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/repo.js';
import { renderDiagnostic } from '../src/diag/render.js';
import { visible } from '../src/diag/visible.js';

const OSC = '\x1b]8;;http://evil\x07\x1b[2J';
const SOURCE = `mesh m = [x = 2]\ndim B = 4\nmodel main(a: f32[B]) {\n  b = ${OSC}relux(a)\n  return b\n}\n`;

test('gshard check prints no raw control character from the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-esc-'));
  writeFileSync(join(dir, 'esc.gshard'), SOURCE);
  const r = spawnSync(process.execPath, [join(ROOT, 'cli', 'bin', 'gshard.js'), 'check', 'esc.gshard'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stderr + r.stdout, /[\x00-\x08\x0b-\x1f\x7f]/, 'a raw control character reached the terminal');
  assert.match(r.stdout, // check prints its findings on stdout (like tsc)
    /b = \\x1b\]8;;http:\/\/evil\\x07\\x1b\[2Jrelux\(a\)/);
});

test('the caret stays under the span when escapes widen the line', () => {
  const span = { start: { line: 1, col: 5, offset: 4 }, end: { line: 1, col: 6, offset: 5 } };
  const text = renderDiagnostic('f.gshard', 'a\x1bb x y', { code: 'c', severity: 'error', message: 'bad \x1b[31m', span } as never);
  const [, line, caret] = text.split('\n');
  assert.equal(line, '   1 | a\\x1bb x y');
  assert.equal(caret!.indexOf('^'), line!.indexOf('x y'));
  assert.match(text, /bad \\x1b\[31m/);
});

test('visible keeps tabs and text, escapes C0/C1 controls, DEL and bidi overrides', () => {
  assert.equal(visible('a\tb'), 'a\tb');
  assert.equal(visible('\x00\x07\x7f\x9b\u202e'), '\\x00\\x07\\x7f\\x9b\\u202e');
  assert.equal(visible('dim Ünïcode = 4'), 'dim Ünïcode = 4');
});
