#!/usr/bin/env node
/** The `mirrorcheck` command: a thin shell over the library (see program.ts). */
import { run } from "./program.js";
import { guardStdout } from "./stdout.js";

guardStdout();
process.exitCode = await run(process.argv);
