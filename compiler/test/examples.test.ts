// Every example compiles clean through every pass (verifier after each), the IR round-trips
// through its text form, and every file in examples/errors produces exactly the diagnostics its
// `// expect:` comments list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { compile, exampleFiles, readText } from './helpers/repo.js';
import { printModule } from '../src/ir/printer.js';
import { parseModuleText } from '../src/ir/text-parser.js';
import { analyze } from '../src/analysis.js';

for (const file of exampleFiles()) {
  test(`example ${basename(file)} compiles clean and round-trips`, () => {
    const c = compile(readText(file));
    assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
    for (const m of [c.global, c.sharded, c.spmd]) {
      const text = printModule(m);
      const parsed = parseModuleText(text);
      assert.equal(parsed.error, undefined, parsed.error);
      assert.equal(printModule(parsed.module!, { locations: true }), text);
    }
    for (const v of [...c.sharded.inputs, ...c.sharded.params, ...c.sharded.ops.flatMap((o) => o.results)]) {
      assert.ok(v.sharding, `${v.name} has no sharding after propagation`);
      assert.ok(v.origin || v.annotation, `${v.name} has no origin`);
    }
  });
}

for (const file of exampleFiles('examples/errors')) {
  test(`error example ${basename(file)} reports exactly its expected diagnostics`, () => {
    const text = readText(file);
    const expected = [...text.matchAll(/\/\/ expect: ([a-z0-9-]+) @ (\d+):(\d+)/g)].map((m) => `${m[1]} @ ${m[2]}:${m[3]}`).sort();
    assert.ok(expected.length > 0, 'the file lists its expected diagnostics');
    const actual = analyze(text).diagnostics.map((d) => `${d.code} @ ${d.span.start.line}:${d.span.start.col}`).sort();
    assert.deepEqual(actual, expected);
  });
}
