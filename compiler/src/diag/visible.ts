// Text from a file, made safe to print to a terminal: control characters (ESC, OSC's BEL, NUL, ...)
// and bidirectional overrides are shown as escapes (`\x1b`, `\u202e`) instead of being obeyed.

// C0 controls except tab, DEL, C1 controls, and the bidi embedding/override/isolate characters
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** `s` with every unsafe character written as an escape; tabs are kept (carets line up under them). */
export function visible(s: string): string {
  return s.replace(UNSAFE, escape);
}
