/** `mirrorcheck placement`: the layout Greenplum's group or spread rule produces, or a real cluster's, and its failure domains. */
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import {
  analysePlacement,
  compareJson,
  compareText,
  generatedLayout,
  layoutFromConfiguration,
  parseSegmentConfiguration,
  placementJson,
  placementText,
  type CompareSide,
} from "../cluster/index.js";
import { PLACEMENTS, PlacementError, type PlacementKind } from "../model/index.js";
import { UsageError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { readInput } from "./files.js";
import { integer } from "./parse.js";

interface PlacementFlags {
  hosts?: number;
  primariesPerHost?: number;
  mirroring: PlacementKind;
  from?: string;
  compare?: boolean;
  json?: boolean;
}

function side(hosts: number, perHost: number, kind: PlacementKind): CompareSide {
  try {
    return { analysis: analysePlacement(generatedLayout(hosts, perHost, kind)) };
  } catch (e) {
    if (e instanceof PlacementError) return { refused: e.message };
    throw e;
  }
}

export function placementCommand(setExit: (code: number) => void): Command {
  return new Command("placement")
    .description("mirror placement by Greenplum's group or spread rule (or a real cluster's), and what host failures do to it")
    .option("--hosts <H>", "number of segment hosts", integer)
    .option("--primaries-per-host <N>", "primaries on each host", integer)
    .addOption(new Option("--mirroring <kind>", "placement rule").choices(PLACEMENTS).default("group"))
    .option("--compare", "show group and spread side by side for --hosts and --primaries-per-host")
    .option("--from <file>", "analyse a real cluster: a CSV export of gp_segment_configuration")
    .option("--json", "print exactly one JSON object on stdout")
    .addHelpText(
      "after",
      "\nExit codes: 0 done; 1 (--from) a single host failure loses a content; 2 bad input or a layout Greenplum refuses.",
    )
    .action((flags: PlacementFlags) => {
      if (flags.from !== undefined) {
        if (flags.hosts !== undefined || flags.primariesPerHost !== undefined || flags.compare === true) {
          throw new UsageError("--from analyses a real cluster's layout; it takes no --hosts, --primaries-per-host or --compare");
        }
        const cfg = parseSegmentConfiguration(readInput(flags.from, readFileSync), flags.from);
        const analysis = analysePlacement(layoutFromConfiguration(cfg));
        const title = `Layout of ${flags.from}: ${analysis.layout.mirroring} mirroring (as Greenplum's guessIsSpreadMirror() reads it)`;
        process.stdout.write((flags.json ? JSON.stringify(placementJson(analysis), null, 2) : placementText(analysis, title)) + "\n");
        setExit(analysis.summary.worstSingleHostLoss > 0 ? EXIT.violation : EXIT.pass);
        return;
      }
      if (flags.hosts === undefined || flags.primariesPerHost === undefined) {
        throw new UsageError("give --hosts H and --primaries-per-host N, or --from FILE");
      }
      const hosts = flags.hosts;
      const perHost = flags.primariesPerHost;
      if (flags.compare === true) {
        const group = side(hosts, perHost, "group");
        const spread = side(hosts, perHost, "spread");
        if ("refused" in group && "refused" in spread) throw new PlacementError(`${group.refused}; ${spread.refused}`);
        process.stdout.write((flags.json ? JSON.stringify(compareJson(group, spread), null, 2) : compareText(hosts, perHost, group, spread)) + "\n");
        setExit(EXIT.pass);
        return;
      }
      const analysis = analysePlacement(generatedLayout(hosts, perHost, flags.mirroring));
      const title = `${flags.mirroring} mirroring: ${hosts} hosts, ${perHost} primaries per host (${hosts * perHost} contents)`;
      process.stdout.write((flags.json ? JSON.stringify(placementJson(analysis), null, 2) : placementText(analysis, title)) + "\n");
      setExit(EXIT.pass);
    });
}
