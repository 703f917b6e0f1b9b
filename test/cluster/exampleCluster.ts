// examples/cluster/: the CSV pair the README's `placement --from` and `history` commands
// read. It is generated from scenarios/host-failure-and-rebalance.trace (a host failure,
// recovery and rebalance in 8 contents on 4 hosts), with each instance on the host the
// model's group placement gives it, so `placement --from` shows the layout the run had.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { standardDbids } from "./helpers.js";
import { runCsvs, scenarioRun, SCENARIOS_DIR } from "./scenarioFixtures.js";

export const EXAMPLE_DIR = fileURLToPath(new URL("../../examples/cluster/", import.meta.url));
export const EXAMPLE_SCENARIO = "host-failure-and-rebalance";

export function exampleCluster(): { config: string; history: string } {
  const run = scenarioRun(EXAMPLE_SCENARIO, readFileSync(join(SCENARIOS_DIR, `${EXAMPLE_SCENARIO}.trace`), "utf8"));
  const placement = run.config.placement;
  if (placement === null) throw new Error(`${EXAMPLE_SCENARIO}: the example needs hosts in its config line`);
  const hosts = placement.hostOf.map(([p, m]) => [`sdw${p + 1}`, `sdw${m + 1}`] as const);
  return runCsvs(run, standardDbids(run.config.contents), hosts);
}

/** Rewrites examples/cluster/ (examples.test.ts calls it when MIRRORCHECK_WRITE_FIXTURES=1 is set). */
export function writeExampleCluster(dir = EXAMPLE_DIR): void {
  const { config, history } = exampleCluster();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "gp_segment_configuration.csv"), config);
  writeFileSync(join(dir, "gp_configuration_history.csv"), history);
}
