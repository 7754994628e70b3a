// bench/suggest: `gshard suggest` on the done-when cases. Per case: annotation sites, the size of the space, the
// search mode, distinct plans priced and programs compiled, wall and CPU seconds, and the best plan against the
// reference annotations (the file as written). `node bench/suggest.js [--only NAME]`.
import { readFileSync } from 'node:fs';
import { parse } from '../grammar/dist/src/index.js';
import { suggest } from '../compiler/dist/src/suggest/suggest.js';
import { evaluateText } from '../compiler/dist/src/suggest/evaluate.js';

const read = (name) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');

/** Every annotation on inputs and params removed (suggest must find the plan on its own). */
function strip(text) {
  const spans = [];
  for (const item of parse(text).program.items) {
    if (item.kind !== 'FuncDecl') continue;
    for (const d of [...item.inputs, ...item.body]) {
      if ((d.kind === 'InputDecl' || d.kind === 'ParamDecl') && d.annotation) {
        spans.push([d.type.span.end.offset, d.annotation.span.end.offset]);
      }
    }
  }
  return spans.sort((a, b) => b[0] - a[0]).reduce((t, [s, e]) => t.slice(0, s) + t.slice(e), text);
}

const CASES = [
  { name: 'moe_transformer (bare)', file: 'moe_transformer.gshard', bare: true, train: false },
  { name: 'llama_block (bare)', file: 'llama_block.gshard', bare: true, train: false },
  { name: 'gshard_600b --train', file: 'gshard_600b.gshard', bare: false, train: true },
  { name: 'gshard_600b (bare) --train', file: 'gshard_600b.gshard', bare: true, train: true },
];
const only = process.argv.indexOf('--only');
const pick = only >= 0 ? CASES.filter((c) => c.name.startsWith(process.argv[only + 1] ?? '')) : CASES;

console.log('case                          sites  space      mode        priced  compiled  wall s  cpu s'
  + '  best step s    reference s  best coll.  ref coll.');
for (const c of pick) {
  const written = read(c.file);
  const text = c.bare ? strip(written) : written;
  const cpu0 = process.cpuUsage();
  const s = suggest(text, { train: c.train });
  const cpu = process.cpuUsage(cpu0);
  const ref = evaluateText(written, { train: c.train });
  const best = s.plans[0];
  console.log([
    c.name.padEnd(29), String(s.sites.length).padStart(5), String(s.search.spaceSize).padStart(10),
    s.search.mode.padStart(11), String(s.search.priced).padStart(7), String(s.search.compiled).padStart(9),
    s.search.seconds.toFixed(1).padStart(7), ((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(6),
    (best ? best.stepSeconds.toPrecision(6) : 'none').padStart(12), ref.stepSeconds.toPrecision(6).padStart(14),
    String(best?.collectives ?? '-').padStart(11), String(ref.collectives.length).padStart(10),
  ].join(' '));
  if (best) console.log(`  best: ${best.annotations.map((a) => `${a.name} ${a.sharding ?? 'none'}`).join(', ')
    || '(the file as written)'}`);
}
