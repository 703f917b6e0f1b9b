// The CSV pair of a scenario of the repository's scenarios/: what gp_segment_configuration
// and gp_configuration_history would hold after a cluster went through the scenario's run.
// test/fixtures/cluster/scenarios/NAME/ holds one pair per scenario; history.test.ts checks
// that they are in step with scenarios/, and rewrites them when asked to (writeScenarioFixtures).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseTrace, replayTrace } from "../../trace/index.js";
import type { Action, Config, State } from "../../model/index.js";
import {
  Clock,
  configurationCsv,
  type DbidMap,
  historyCsv,
  historyOfRun,
  interleavedDbids,
  INTERLEAVED_SCENARIOS,
  roundRobinHosts,
  standardDbids,
} from "./helpers.js";

export const SCENARIOS_DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));
export const SCENARIO_FIXTURES_DIR = fileURLToPath(new URL("../fixtures/cluster/scenarios/", import.meta.url));

/** The names (file name without .trace) of every scenario in scenarios/, sorted. */
export function scenarioNames(dir = SCENARIOS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".trace"))
    .map((f) => f.replace(/\.trace$/, ""))
    .sort();
}

/**
 * The run of a trace as a plain path: expectations and the `loop` marker are dropped. The
 * catalog rows depend only on the configuration and the actions, and a lasso's stem
 * followed by one pass round its cycle is an ordinary finite run, which is all a
 * cluster's history can show. (It also keeps the fixtures independent of how replay
 * checks expectations and cycles.)
 */
export function actionsOnly(traceText: string): string {
  return traceText
    .split("\n")
    .filter((line) => {
      const body = line.replace(/#.*/, "").trim();
      return body !== "loop" && !body.startsWith("expect ") && body !== "expect";
    })
    .join("\n");
}

/** The configuration, states and actions of a scenario's run (its expectations aside). */
export function scenarioRun(name: string, traceText: string): { config: Config; states: State[]; actions: Action[] } {
  const trace = parseTrace(actionsOnly(traceText), `${name}.trace`);
  const result = replayTrace(trace);
  if (result.status === "not-enabled") throw new Error(`${name}: ${result.error?.message ?? "replay failed"}`);
  const states: State[] = [result.initial];
  const actions: Action[] = [];
  for (const item of result.items) {
    if (item.kind !== "step") continue;
    states.push(item.after);
    actions.push(item.action);
  }
  return { config: result.config, states, actions };
}

/** The CSV pair of a run, with the given dbid numbering and hosts (hosts[c] = [primary's, mirror's]). */
export function runCsvs(
  run: { config: Config; states: readonly State[]; actions: readonly Action[] },
  dbids: DbidMap,
  hosts: readonly (readonly [string, string])[],
): { config: string; history: string } {
  const lines = historyOfRun(run.config, run.states, run.actions, dbids, new Clock(), { doubleFaultRows: true });
  return {
    config: configurationCsv(run.states[run.states.length - 1], dbids, hosts),
    history: historyCsv(lines),
  };
}

export function scenarioFixture(name: string, traceText: string): { config: string; history: string } {
  const run = scenarioRun(name, traceText);
  const k = run.config.contents;
  const dbids = INTERLEAVED_SCENARIOS.has(name) ? interleavedDbids(k) : standardDbids(k);
  return runCsvs(run, dbids, roundRobinHosts(k, 3));
}

/**
 * Rewrites test/fixtures/cluster/scenarios/ from scenarios/: one directory per scenario,
 * and none for a scenario that no longer exists. history.test.ts calls it when
 * MIRRORCHECK_WRITE_FIXTURES=1 is set, before it checks the fixtures.
 */
export function writeScenarioFixtures(scenariosDir = SCENARIOS_DIR, fixturesDir = SCENARIO_FIXTURES_DIR): void {
  const names = scenarioNames(scenariosDir);
  if (existsSync(fixturesDir)) {
    for (const old of readdirSync(fixturesDir)) {
      if (!names.includes(old)) rmSync(join(fixturesDir, old), { recursive: true });
    }
  }
  for (const name of names) {
    const { config, history } = scenarioFixture(name, readFileSync(join(scenariosDir, `${name}.trace`), "utf8"));
    const dir = join(fixturesDir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "gp_segment_configuration.csv"), config);
    writeFileSync(join(dir, "gp_configuration_history.csv"), history);
  }
}
