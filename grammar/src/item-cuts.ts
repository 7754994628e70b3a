// Where the top-level items of a text start, found by one pass over the chars (no tokens): the
// offsets of `mesh`, `dim`, `layer` and `model` outside any brackets, strings and comments (of
// `remat` instead when it comes right before `layer` or `model`).
//
// Why: parse() lexes and parses item by item so that each item's tokens die young (tokens that
// live through a whole-file parse survive garbage collections, which costs more than lexing them).
// A cut here is only a hint: parse() checks the result and parses the whole text again on any
// diagnostic, so a wrong cut can cost time but never change an answer.

const ITEM_KEYWORDS = ['mesh', 'dim', 'layer', 'model'];

/** Offsets where top-level items start, ascending; empty when the text is not worth cutting. */
export function itemCuts(text: string): number[] {
  const cuts: number[] = [];
  const n = text.length;
  let depth = 0;
  let i = 0;
  /** Where the last top-level word was `remat` (the cut of a `remat layer`), else -1. */
  let remat = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && !isLineBreak(text.charCodeAt(i))) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return []; // unterminated: an error, parsed whole
      i = close + 2;
    } else if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 34) { i++; break; }
        if (isLineBreak(s)) return []; // unterminated: an error, parsed whole
        i += s === 92 /* \ */ ? 2 : 1;
      }
    } else if (c === 40 || c === 91 || c === 123) { // ( [ {
      depth++;
      i++;
    } else if (c === 41 || c === 93 || c === 125) { // ) ] }
      if (--depth < 0) return []; // unbalanced: an error, parsed whole
      i++;
    } else if (isWordChar(c)) {
      const start = i;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      const word = depth === 0 && i - start <= 5 ? text.slice(start, i) : '';
      const item = ITEM_KEYWORDS.includes(word);
      const cut = remat >= 0 && (word === 'layer' || word === 'model') ? remat : start;
      if (item && cut > 0) cuts.push(cut);
      remat = word === 'remat' ? start : -1;
    } else {
      i++;
    }
  }
  return cuts;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** ASCII name chars and anything non-ASCII (a unicode letter next to a keyword makes it a longer name). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}
