#!/usr/bin/env node
// Starts the gshard language server (`--stdio`).
import { startServer } from '../dist/src/index.js';
startServer(process.argv.slice(2));
