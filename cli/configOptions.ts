/**
 * The options that name a configuration (`--config` plus overrides), shared by the commands
 * that take one (check, simulate).
 */
import { Command, Option } from "commander";
import type { ConfigOverrides } from "../api/index.js";
import { DEFAULT_CONFIG_NAME } from "../configs/index.js";
import { MIRRORING, PLACEMENTS, SYNC_REP_RELOAD, type Safeguard, parseSafeguard } from "../model/index.js";
import { collectList, integer, positiveInteger } from "./parse.js";

export interface ConfigFlags {
  config: string;
  contents?: number;
  txns?: number;
  faults?: number;
  mirroring?: ConfigOverrides["mirroring"];
  hosts?: number;
  placement?: ConfigOverrides["placement"];
  syncRepReload?: ConfigOverrides["syncRepReload"];
  off: string[];
  /** `--variant FILE`: a proposal (docs/variants.md); the main thread loads it (variantFile.ts). */
  variant?: string;
}

export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option("--config <name>", "canonical configuration (see `mirrorcheck list`)", DEFAULT_CONFIG_NAME)
    .option("--contents <K>", "number of contents (1..8)", integer)
    .option("--txns <W>", "client transactions in the run (0..6)", integer)
    .option("--faults <F>", "fault budget (0..4)", integer)
    .addOption(new Option("--mirroring <mode>", "mirroring mode").choices(MIRRORING))
    .option("--hosts <H>", "number of hosts (contents must be a multiple)", positiveInteger)
    .addOption(new Option("--placement <kind>", "mirror placement with --hosts (default group)").choices(PLACEMENTS))
    .addOption(new Option("--sync-rep-reload <when>", "when a sync rep change takes effect").choices(SYNC_REP_RELOAD))
    .option("--off <safeguard>", "switch a safeguard off (repeatable, or comma-separated): a bug variant", collectList, [])
    .option("--variant <file>", "a proposal that changes the rules: a .mjs, .js or .ts module (docs/variants.md)");
}

function safeguards(names: readonly string[]): Safeguard[] {
  return names.map((n) => parseSafeguard(n, "--off"));
}

export function overridesFrom(flags: ConfigFlags): ConfigOverrides {
  return {
    contents: flags.contents,
    txns: flags.txns,
    faults: flags.faults,
    mirroring: flags.mirroring,
    hosts: flags.hosts,
    placement: flags.placement,
    syncRepReload: flags.syncRepReload,
    off: safeguards(flags.off),
  };
}

/** The name reports print for a configuration: the canonical name, with "+" when overrides change it (as runCheck names it). */
export function configName(name: string, o: ConfigOverrides): string {
  const changed = Object.values(o).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return changed ? `${name}+` : name;
}
