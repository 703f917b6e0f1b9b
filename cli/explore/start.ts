/**
 * Where `mirrorcheck explore` starts: a configuration named by the same options as `check`
 * (the initial state), or a trace file replayed with `replay`'s machinery, standing after
 * step `--at` (default: its last step) with the rest of its path ahead.
 */
import type { Command } from "commander";
import { configInput } from "../../api/index.js";
import { resolveConfig, type Action } from "../../model/index.js";
import type { ConfigFlags } from "../configOptions.js";
import { overridesFrom } from "../configOptions.js";
import { UsageError } from "../errors.js";
import { replayFile } from "../replay.js";
import { prepareVariant } from "../variantFile.js";
import type { SessionStart } from "./session.js";

export interface ExploreFlags extends ConfigFlags {
  at?: number;
}

/** The config options given on the command line (not left at their defaults). */
function configOptionsGiven(cmd: Command, flags: ExploreFlags): string[] {
  const names = ["config", "contents", "txns", "faults", "mirroring", "hosts", "placement", "syncRepReload"] as const;
  const given: string[] = names.filter((n) => cmd.getOptionValueSource(n) === "cli").map((n) => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (flags.off.length > 0) given.push("--off");
  // --variant goes with a trace: it overrides the trace's variant=, as replay's does.
  return given;
}

/** Under `--variant FILE` (or a trace's `variant=`), the proposal is loaded first. */
export async function sessionStart(file: string | undefined, flags: ExploreFlags, cmd: Command): Promise<SessionStart> {
  if (file === undefined) {
    if (flags.at !== undefined) throw new UsageError("--at needs a trace file: mirrorcheck explore FILE --at N");
    const overrides = overridesFrom(flags);
    const variant = flags.variant === undefined ? null : await prepareVariant(flags.variant);
    const cfg = resolveConfig(configInput(flags.config, overrides, variant));
    return { name: flags.config, cfg, actions: [], at: 0 };
  }
  const given = configOptionsGiven(cmd, flags);
  if (given.length > 0) {
    throw new UsageError(`${given.join(", ")} cannot go with a trace file: its config line names the configuration`);
  }
  const { trace, result } = await replayFile(file, flags.variant);
  if (result.error !== null) throw new UsageError(`${file}:${result.error.line}: ${result.error.message}`);
  const actions: Action[] = result.items.flatMap((i) => (i.kind === "step" ? [i.action] : []));
  const at = flags.at ?? actions.length;
  if (at > actions.length) {
    throw new UsageError(`--at ${at} is out of range: ${file} has steps 0..${actions.length}`);
  }
  return { name: trace.configName, cfg: result.config, actions, at };
}
