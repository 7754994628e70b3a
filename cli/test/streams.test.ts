// Streams and colour as a shell user meets them: check's findings on stdout, colour per stream, NO_COLOR/FORCE_COLOR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gshard } from './helpers.js';

const BAD = 'examples/errors/name-errors.gshard';
const ESC = '\x1b[';

test('check: findings are on stdout, so `gshard check f | grep` finds them', () => {
  const r = gshard(['check', BAD]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /name-errors\.gshard:\d+:\d+: error\[name-/);
  assert.equal(r.stderr, '');
});

test('colour: none through a pipe; FORCE_COLOR turns it on, NO_COLOR wins over it', () => {
  assert.ok(!gshard(['check', BAD]).stdout.includes(ESC), 'piped stdout is plain');
  assert.ok(gshard(['check', BAD], { FORCE_COLOR: '1' }).stdout.includes(ESC), 'FORCE_COLOR=1 colours');
  assert.ok(!gshard(['check', BAD], { FORCE_COLOR: '0' }).stdout.includes(ESC), 'FORCE_COLOR=0 does not');
  assert.ok(!gshard(['check', BAD], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes(ESC), 'NO_COLOR wins');
});

test('compile: diagnostics stay on stderr (stdout is the program) and follow the same colour rules', () => {
  const r = gshard(['compile', BAD, '--emit', 'ir'], { FORCE_COLOR: '1' });
  assert.equal(r.status, 1);
  assert.ok(r.stderr.includes(ESC) && r.stderr.includes('name-'), r.stderr);
});

test('check piped into a reader that stops early (| head) ends quietly, no stack trace', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN, ROOT } = await import('./helpers.js');
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check examples/errors/*.gshard | head -1`], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.stdout.split('\n').length, 2);
  assert.doesNotMatch(r.stderr, /EPIPE|at .*\.js:\d+/);
});
