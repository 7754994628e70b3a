// The gshard dispatcher: picks the subcommand; the subcommands themselves live in the compiler.
export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.write(`gshard: not yet wired (${argv.join(' ')})\n`);
  return 2;
}
