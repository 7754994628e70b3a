#!/usr/bin/env node
// The `gshard` command: hands argv to the compiled dispatcher.
import { main } from '../dist/src/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
