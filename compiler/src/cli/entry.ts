// The light entry the `gshard` command imports: the dispatcher and the process's streams, without
// the rest of the package (so `gshard --help` starts fast).
export { runCli } from './run-cli.js';
export { nodeIO } from './io.js';
