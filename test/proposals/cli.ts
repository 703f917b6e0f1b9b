// The built binary, run from the repository root (the proposals' paths are relative to it).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function mirrorcheck(...args: string[]): Run {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The proposal's path as the commands take it. */
export function proposal(file: string): string {
  return `examples/proposals/${file}`;
}
