// A small FileCheck: CHECK (in order), CHECK-NEXT, CHECK-NOT (between matches), CHECK-COUNT-n.
// Patterns are plain substrings; `{{re}}` embeds a regular expression.

export function fileCheck(output: string, checks: string): void {
  const lines = output.split('\n');
  let pos = 0;
  let pendingNot: string[] = [];
  const toRe = (p: string) => new RegExp(p.split(/(\{\{.*?\}\})/).map((part) => (part.startsWith('{{') ? part.slice(2, -2) : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join(''));
  const fail = (msg: string) => { throw new Error(`${msg}\n--- output ---\n${output}`); };
  for (const raw of checks.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('CHECK'))) {
    const m = /^CHECK(-NEXT|-NOT|-COUNT-(\d+))?:\s?(.*)$/.exec(raw);
    if (!m) fail(`bad check line: ${raw}`);
    const [, kind, count, pattern] = m!;
    const re = toRe(pattern!);
    if (kind === '-NOT') {
      pendingNot.push(pattern!);
      continue;
    }
    if (kind?.startsWith('-COUNT')) {
      const n = lines.filter((l) => re.test(l)).length;
      if (n !== Number(count)) fail(`CHECK-COUNT-${count}: '${pattern}' matched ${n} lines`);
      continue;
    }
    let found = -1;
    if (kind === '-NEXT') {
      if (re.test(lines[pos] ?? '')) found = pos;
    } else {
      for (let i = pos; i < lines.length; i++) if (re.test(lines[i]!)) { found = i; break; }
    }
    if (found < 0) fail(`CHECK${kind ?? ''}: '${pattern}' not found after line ${pos + 1}`);
    for (const not of pendingNot) {
      for (let i = pos; i < found; i++) if (toRe(not).test(lines[i]!)) fail(`CHECK-NOT: '${not}' found at line ${i + 1}`);
    }
    pendingNot = [];
    pos = found + 1;
  }
  for (const not of pendingNot) {
    for (let i = pos; i < lines.length; i++) if (toRe(not).test(lines[i]!)) fail(`CHECK-NOT: '${not}' found at line ${i + 1}`);
  }
}
