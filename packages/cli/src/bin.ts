#!/usr/bin/env node
import { buildProgram } from './program';

let exitCode = 0;
const program = buildProgram((code) => {
  exitCode = code;
});
program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? 0 : 2);
});
await program.parseAsync(process.argv);
process.exitCode = exitCode;
