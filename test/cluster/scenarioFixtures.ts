// The CSV pair of a scenario of ../shared/scenarios: what gp_segment_configuration and
// gp_configuration_history would hold after a cluster went through the scenario's run.
import { parseTrace, replayTrace } from "../../trace/index.js";
import type { Action, State } from "../../model/index.js";
import {
  Clock,
  configurationCsv,
  historyCsv,
  historyOfRun,
  interleavedDbids,
  roundRobinHosts,
  SCENARIO_NUMBERING,
  standardDbids,
} from "./helpers.js";

export function scenarioFixture(name: string, traceText: string): { config: string; history: string } {
  const trace = parseTrace(traceText, `${name}.trace`);
  const result = replayTrace(trace);
  if (result.status === "not-enabled") throw new Error(`${name}: ${result.error?.message ?? "replay failed"}`);
  const states: State[] = [result.initial];
  const actions: Action[] = [];
  for (const item of result.items) {
    if (item.kind !== "step") continue;
    states.push(item.after);
    actions.push(item.action);
  }
  const k = result.config.contents;
  const dbids = SCENARIO_NUMBERING[name] === "interleaved" ? interleavedDbids(k) : standardDbids(k);
  const lines = historyOfRun(result.config, states, actions, dbids, new Clock(), { doubleFaultRows: true });
  return {
    config: configurationCsv(states[states.length - 1], dbids, roundRobinHosts(k, 3)),
    history: historyCsv(lines),
  };
}
