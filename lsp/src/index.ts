// Public entry of @gshard/lsp.
export function startServer(argv: readonly string[]): void {
  process.stderr.write(`gshard-lsp: not implemented yet (${argv.join(' ')})\n`);
  process.exit(2);
}
