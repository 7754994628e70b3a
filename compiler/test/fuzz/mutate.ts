// Near-valid and hostile .gshard text: token-level mutations of valid programs (drop, duplicate,
// swap, replace), and inputs built to hurt: random bytes, deep nesting, long chains, huge numbers,
// odd unicode, CRLF and lone CR line ends.

import fc from 'fast-check';
import { randFromGen, type Rand } from './gen-program.js';

/** A rough token split (the fuzzer's own, independent of the real lexer): keeps whitespace as tokens. */
export function roughTokens(text: string): string[] {
  return text.match(/\/\/[^\n\r]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\r\n]|\\.)*"|[\p{L}_][\p{L}\p{N}_]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|->|\s+|[\s\S]/gu) ?? [];
}

export const VOCABULARY = [
  'mesh', 'dim', 'layer', 'model', 'param', 'return', 'repeat', 'tpu_v3', 'chips', 'devices', 'on',
  'replicate', 'replicated', 'split', 'shard', 'unreduced', 'einsum', 'top2_gating', 'softmax', 'reshape',
  '(', ')', '[', ']', '{', '}', ',', ':', '=', '@', '?', '+', '-', '*', '/', '->', '_', 'p1',
  '"GSM,ME->GSE"', '"', '/*', '*/', '//', 'f32', 'bf16', 'i32', 'bool', 'x', 'G', 'S', '0', '1', '16',
];

export const HUGE_NUMBERS = [
  '0', '-1', '1.5', '1e308', '1e309', '1e-400', '9007199254740993', '99999999999999999999999999999',
  '4294967296', '2147483648', '65537', '1099511627777', '0.0000001', '00000000000000000001', '1' + '0'.repeat(400),
];

export const ODD_UNICODE = [
  '\ufeff', '\u200b', '\u200d', '\u2028', '\u2029', '\u00a0', '\u0301', '\u202e', '\ud800', '\udc00',
  '😀', '👩‍👩‍👧', '𝔊', 'Δ', 'ß', 'İ', '\u0000', '\u0007', '\u001b[31m', '\t', '\v', '\f', '\r', '\r\n', '\n',
];

function splice<T>(xs: T[], i: number, del: number, ...add: T[]): T[] {
  const out = [...xs];
  out.splice(i, del, ...add);
  return out;
}

/** One mutation of `text`; the name says which (for reports). */
export function mutate(text: string, r: Rand): { text: string; how: string } {
  const toks = roughTokens(text);
  const sig = toks.map((t, i) => i).filter((i) => !/^\s+$/.test(toks[i]!));
  const at = () => (sig.length ? r.pick(sig) : 0);
  const kind = r.int(0, 13);
  switch (kind) {
    case 0: {
      const i = at();
      return { text: splice(toks, i, 1).join(''), how: `drop token ${i} '${toks[i]}'` };
    }
    case 1: {
      const i = at();
      return { text: splice(toks, i, 0, toks[i] ?? '', ' ').join(''), how: `duplicate token ${i} '${toks[i]}'` };
    }
    case 2: {
      // Swap a token with the next significant one.
      const k = r.int(0, Math.max(0, sig.length - 2));
      const [i, j] = [sig[k] ?? 0, sig[k + 1] ?? 0];
      const out = [...toks];
      [out[i], out[j]] = [out[j]!, out[i]!];
      return { text: out.join(''), how: `swap tokens ${i}, ${j}` };
    }
    case 3: {
      const i = at();
      const w = r.pick(VOCABULARY);
      return { text: splice(toks, i, 1, w).join(''), how: `replace token ${i} by '${w}'` };
    }
    case 4: {
      const i = at();
      const w = r.pick(VOCABULARY);
      return { text: splice(toks, i, 0, w, ' ').join(''), how: `insert '${w}' at ${i}` };
    }
    case 5: {
      const numbers = sig.filter((i) => /^\d/.test(toks[i]!));
      const i = numbers.length ? r.pick(numbers) : at();
      const n = r.pick(HUGE_NUMBERS);
      return { text: splice(toks, i, 1, n).join(''), how: `number ${i} -> ${n.slice(0, 20)}` };
    }
    case 6: {
      const cut = r.int(0, text.length);
      return { text: text.slice(0, cut), how: `truncate at ${cut}` };
    }
    case 7: {
      const u = r.pick(ODD_UNICODE);
      const i = r.int(0, toks.length);
      return { text: splice(toks, i, 0, u).join(''), how: `insert U+${[...u].map((c) => c.codePointAt(0)!.toString(16)).join(' ')} at ${i}` };
    }
    case 8:
      return { text: text.replace(/\r?\n/g, r.bool() ? '\r\n' : '\r'), how: 'CRLF / lone CR line ends' };
    case 9: {
      const lines = text.split('\n');
      const i = r.int(0, lines.length - 1);
      return r.bool()
        ? { text: splice(lines, i, 1).join('\n'), how: `delete line ${i + 1}` }
        : { text: splice(lines, i, 0, lines[i]!).join('\n'), how: `duplicate line ${i + 1}` };
    }
    case 10: {
      // Wrap a token in deep brackets or minus signs.
      const i = at();
      const depth = r.pick([50, 127, 128, 129, 300, 2000]);
      const [open, close] = r.pick([['(', ')'], ['[', ']'], ['-(', ')'], ['{', '}'], ['(', '']]);
      return { text: splice(toks, i, 1, open!.repeat(depth), toks[i] ?? '', close!.repeat(depth)).join(''), how: `nest token ${i} ${depth} deep in ${open}${close}` };
    }
    case 11: {
      // Two mutations.
      const a = mutate(text, r);
      const b = mutate(a.text, r);
      return { text: b.text, how: `${a.how}; ${b.how}` };
    }
    case 12: {
      // Rename an identifier everywhere to another existing one (name clashes, shadowing).
      const idents = [...new Set(sig.map((i) => toks[i]!).filter((t) => /^[\p{L}_]/u.test(t)))];
      if (idents.length < 2) return { text, how: 'identity' };
      const [a, b] = [r.pick(idents), r.pick(idents)];
      return { text: toks.map((t) => (t === a ? b : t)).join(''), how: `rename ${a} -> ${b}` };
    }
    default: {
      // Move a random line elsewhere (declaration order, use before definition).
      const lines = text.split('\n');
      const i = r.int(0, lines.length - 1);
      const line = lines[i]!;
      const rest = splice(lines, i, 1);
      return { text: splice(rest, r.int(0, rest.length), 0, line).join('\n'), how: `move line ${i + 1}` };
    }
  }
}

/** Text built to stress one thing each. */
export function hostile(r: Rand): { text: string; how: string } {
  const kind = r.int(0, 11);
  const model = (body: string, decl = '') => `${decl}mesh m = [x = 2]\ndim S = 4\nmodel main(a: f32[S]) {\n  ${body}\n  return b\n}\n`;
  switch (kind) {
    case 0: {
      const n = r.int(0, 400);
      const bytes = Array.from({ length: n }, () => r.int(0, 255));
      return { text: String.fromCharCode(...bytes), how: `${n} random bytes (latin1)` };
    }
    case 1: {
      const n = r.int(0, 300);
      const bytes = new Uint8Array(Array.from({ length: n }, () => r.int(0, 255)));
      return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), how: `${n} random bytes (utf-8 with replacement)` };
    }
    case 2: {
      const n = r.int(1, 200);
      const words = Array.from({ length: n }, () => r.pick(VOCABULARY));
      return { text: words.join(r.pick([' ', '', '\n'])), how: `${n}-token soup` };
    }
    case 3: {
      const depth = r.pick([128, 129, 1000, 10000, 50000]);
      const [open, close] = r.pick([['(', ')'], ['[', ']'], ['-', ''], ['{', '}'], ['-(', ')'], ['[(', ')]']]);
      const where = r.int(0, 2);
      const text = where === 0 ? model(`b = ${open!.repeat(depth)}a${close!.repeat(depth)}`)
        : where === 1 ? model('b = a', `dim D = ${open!.repeat(depth)}2${close!.repeat(depth)}\n`)
        : model(`b = a @ ${open!.repeat(depth)}x${close!.repeat(depth)}`);
      return { text, how: `nesting ${depth} of ${open}${close} (${['expr', 'dim', 'annotation'][where]})` };
    }
    case 4: {
      // Unclosed openers only: recovery must not recurse per opener.
      const depth = r.pick([200, 5000, 20000]);
      return { text: model(`b = ${r.pick(['(', '[', '{', '-'])!.repeat(depth)}`), how: `${depth} unclosed openers` };
    }
    case 5: {
      const n = r.pick([100, 1000, 3000]);
      return { text: model(`b = a${` ${r.pick(['+', '*', '-', '/'])} a`.repeat(n)}`), how: `expression chain of ${n} operators` };
    }
    case 6: {
      const n = r.pick([100, 1000, 3000]);
      return { text: model('b = a', `dim D = 1${' + 1'.repeat(n)}\n`), how: `dim expression chain of ${n}` };
    }
    case 7: {
      const n = r.pick(HUGE_NUMBERS);
      const where = r.int(0, 3);
      const text = where === 0 ? model('b = a', `dim D = ${n}\n`)
        : where === 1 ? `mesh m = [x = ${n}]\ndim S = 4\nmodel main(a: f32[S]) { return a }\n`
        : where === 2 ? model(`b = a @ split(S, ${n})`)
        : model(`b = repeat ${n} f(a)`, `layer f(x: f32[S]) -> f32[S] { return x }\n`);
      return { text, how: `huge number ${n.slice(0, 20)} (${where})` };
    }
    case 8: {
      const u = Array.from({ length: r.int(1, 20) }, () => r.pick(ODD_UNICODE)).join('');
      return { text: model(`b = a // ${u}`, `dim ${r.pick(['Δ', 'ß', '𝔊', 'S_'])} = 2 /* ${u} */\n`) + u, how: 'unicode in comments and names' };
    }
    case 9: {
      // Many declarations: lots of dims, axes, layers.
      const n = r.pick([50, 500]);
      const dims = Array.from({ length: n }, (_, i) => `dim D${i} = ${(i % 7) + 1}`).join('\n');
      const axes = Array.from({ length: Math.min(n, 40) }, (_, i) => `a${i} = 1`).join(', ');
      return { text: `${dims}\nmesh m = [${axes}]\nmodel main(a: f32[${Array.from({ length: Math.min(n, 64) }, (_, i) => `D${i}`).join(', ')}]) { return a }\n`, how: `${n} declarations` };
    }
    case 10: {
      // Layers calling each other in a chain (and sometimes a cycle); repeat of repeat. Kept to
      // 2^12 instances: deeper chains hang (known bug, regressions.test.ts 'exponential repeat').
      const n = r.pick([3, 5, 12]);
      const layers = Array.from({ length: n }, (_, i) => `layer l${i}(x: f32[S]) -> f32[S] { return ${i + 1 < n ? `repeat 2 l${i + 1}(x)` : r.bool() ? 'l0(x)' : 'x'} }`).join('\n');
      return { text: model('b = l0(a)', `${layers}\n`), how: `layer chain of ${n} (each repeat 2)` };
    }
    default: {
      const lineEnd = r.pick(['\r', '\r\n', '\n\r', '\u2028', '\u0085']);
      return { text: model('b = a +', 'dim Q = 3\n').replace(/\n/g, lineEnd), how: `line ends ${JSON.stringify(lineEnd)}` };
    }
  }
}

export { randFromGen };
