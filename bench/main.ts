/**
 * `npm run bench`: how fast `mirrorcheck check` explores, against TLC's figures on the same
 * configurations, with one and two workers, where the time goes, and what liveness costs.
 * Prints a Markdown report and writes it to bench/RESULTS.md (which names the machine). A
 * benchmark, not a test: it asserts nothing.
 *
 *   npm run bench                       # every configuration, 3 runs each; writes bench/RESULTS.md
 *   npm run bench -- --quick            # 1 run each, without the large configuration; prints only
 *   npm run bench -- --quick --runs 3   # 3 runs, without the large configuration
 *   npm run bench -- --out FILE         # write FILE instead (--out - : print only)
 *
 * A quick run prints only, unless --out names a file: its partial figures must not replace
 * the full ones in bench/RESULTS.md.
 *
 * Each run is a fresh process (bench/runOne.ts) calling what `check --json` calls, so that
 * peak memory is the run's own. Times are the check's own elapsed time (no process start-up);
 * figures are medians over the runs, runs of different worker counts interleaved.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import type { CheckRequest } from "../api/index.js";
import { int, median, mib, secs, table } from "./format.js";
import { livenessSection, type LivenessRuns } from "./liveness.js";
import type { RunJson } from "./runJson.js";

/** TLC with one worker on `default` and `wide` (the figures): distinct and generated states per second. */
const TLC = { distinctPerSecond: [5_000, 7_000], generatedPerSecond: [30_000, 40_000] } as const;

interface Bench {
  readonly name: string;
  readonly label: string;
  readonly request: CheckRequest;
  /** Compared with TLC's figures (the issue measured TLC on these). */
  readonly tlc: boolean;
  /** Also run with liveness off, to measure what liveness costs. */
  readonly liveness: boolean;
}

const CONFIGS: readonly Bench[] = [
  { name: "default", label: "default (K=2 W=2 F=2)", request: { config: "default" }, tlc: true, liveness: true },
  { name: "wide", label: "wide (K=3 W=2 F=2)", request: { config: "wide" }, tlc: true, liveness: true },
  { name: "deep", label: "deep (K=1 W=4 F=3)", request: { config: "deep" }, tlc: false, liveness: false },
  {
    name: "large",
    label: "large (K=3 W=3 F=2)",
    request: { config: "default", overrides: { contents: 3, txns: 3, faults: 2 } },
    tlc: false,
    liveness: false,
  },
];

/** Busy CPU time of the whole machine so far, in ms (Linux /proc/stat; null elsewhere). */
function machineBusyMs(): number | null {
  if (!existsSync("/proc/stat")) return null;
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;
  return (user + nice + system + irq + softirq + (steal ?? 0)) * 10; // USER_HZ = 100
}

/** CPU that other processes used while benchmark runs ran, in cores (busy time not ours ÷ wall time). */
const interference: number[] = [];

const RUNNER = fileURLToPath(new URL("./runOne.js", import.meta.url));

function runOnce(request: CheckRequest): RunJson {
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [RUNNER, JSON.stringify(request)], { encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  const busy1 = machineBusyMs();
  if (r.status !== 0 && r.status !== 1) throw new Error(`benchmark run failed (exit ${String(r.status)}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as RunJson;
  if (busy0 !== null && busy1 !== null) interference.push(Math.max(0, busy1 - busy0 - out.cpuMs) / wall);
  return out;
}

/** Where a full run writes its report: bench/RESULTS.md in the source tree (this file runs from dist/bench/). */
const RESULTS = fileURLToPath(new URL("../../bench/RESULTS.md", import.meta.url));

function args(): { runs: number; quick: boolean; out: string | null } {
  const a = process.argv.slice(2);
  const at = (flag: string): string | undefined => {
    const i = a.indexOf(flag);
    return i === -1 ? undefined : a[i + 1];
  };
  const quick = a.includes("--quick");
  const runs = Number(at("--runs") ?? (quick ? "1" : "3"));
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");
  const out = at("--out") ?? (quick ? "-" : RESULTS);
  return { runs, quick, out: out === "-" ? null : out };
}

function main(): void {
  const { runs, quick, out } = args();
  const configs = CONFIGS.filter((c) => !quick || c.name !== "large");
  const load = loadavg()[0];
  const started = new Date();
  const lines: string[] = [];
  const log = (s: string): void => {
    process.stderr.write(s + "\n");
  };

  const one = new Map<string, RunJson[]>();
  // The two-worker comparison runs with liveness off on both sides: a run that checks
  // liveness records its graph in one thread whatever --workers says.
  const oneSafety = new Map<string, RunJson[]>();
  const two = new Map<string, RunJson[]>();
  const timing = new Map<string, RunJson>();
  const symmetric = new Map<string, RunJson>();
  const liveness: LivenessRuns[] = [];
  for (const c of configs) {
    one.set(c.name, []);
    oneSafety.set(c.name, []);
    two.set(c.name, []);
    for (let r = 0; r < runs; r++) {
      log(`${c.name}: run ${r + 1}/${runs}, 1 worker`);
      one.get(c.name)?.push(runOnce({ ...c.request, options: { workers: 1 } }));
      log(`${c.name}: run ${r + 1}/${runs}, 1 worker, liveness off`);
      oneSafety.get(c.name)?.push(runOnce({ ...c.request, options: { workers: 1, liveness: false } }));
      log(`${c.name}: run ${r + 1}/${runs}, 2 workers, liveness off`);
      two.get(c.name)?.push(runOnce({ ...c.request, options: { workers: 2, liveness: false } }));
    }
    log(`${c.name}: phase timing`);
    timing.set(c.name, runOnce({ ...c.request, options: { workers: 1, timing: true } }));
    log(`${c.name}: symmetry`);
    symmetric.set(c.name, runOnce({ ...c.request, options: { workers: 1, symmetry: true } }));
    if (c.liveness) {
      const on: RunJson[] = [];
      const off: RunJson[] = [];
      for (let r = 0; r < runs; r++) {
        log(`${c.name}: run ${r + 1}/${runs}, liveness on`);
        on.push(runOnce({ ...c.request, options: { workers: 1, liveness: true } }));
        log(`${c.name}: run ${r + 1}/${runs}, liveness off`);
        off.push(runOnce({ ...c.request, options: { workers: 1, liveness: false } }));
      }
      liveness.push({ label: c.label, on, off });
    }
  }

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  lines.push("# mirrorcheck benchmark");
  lines.push("");
  lines.push(
    `${started.toISOString().slice(0, 10)}, ${availableParallelism()} cores (${cpus().length} logical CPUs, ${cpu}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version} on ${process.platform}/${process.arch}. ` +
      `Load average when the benchmark started: ${load.toFixed(2)}.` +
      (interference.length === 0
        ? ""
        : ` Other processes used ${median(interference).toFixed(2)} cores (median; most: ${Math.max(...interference).toFixed(2)}) ` +
          "while the runs ran: this is a shared machine, and figures measured while others ran are slower."),
  );
  lines.push("");
  lines.push(
    `Median of ${runs} runs of \`mirrorcheck check\` per figure (bench/runOne.ts: the library call the CLI makes, one fresh ` +
      "process per run). Time is the check's own (`elapsedMs`: the search, its properties and witnesses, the traces), " +
      "without process start-up. Peak memory is the process's resident peak (Node itself takes about 50 MiB); bytes per " +
      "state counts the structures that grow with the visited states: the fingerprint table and the trace table " +
      "(parent index and action ordinal of every state).",
  );
  lines.push("");

  lines.push("## One worker, against TLC");
  lines.push("");
  lines.push(
    `TLC with one worker: ${int(TLC.distinctPerSecond[0])}–${int(TLC.distinctPerSecond[1])} distinct and ` +
      `${int(TLC.generatedPerSecond[0])}–${int(TLC.generatedPerSecond[1])} generated states per second on \`default\` and \`wide\`. ` +
      `"× TLC" divides by the top of TLC's range (${int(TLC.distinctPerSecond[1])}/s). These runs check liveness ` +
      "too (the default; TLC's figure is for safety alone): the liveness section below gives the time without it.",
  );
  lines.push("");
  lines.push(
    table(
      ["configuration", "distinct states", "generated", "depth", "time", "distinct/s", "generated/s", "× TLC", "peak memory", "bytes/state", "collision probability"],
      configs.map((c) => {
        const rs = one.get(c.name) ?? [];
        const ms = median(rs.map((r) => r.elapsedMs));
        const r0 = rs[0];
        const dps = (r0.distinctStates * 1000) / ms;
        return [
          c.label,
          int(r0.distinctStates),
          int(r0.generatedStates),
          String(r0.depth),
          secs(ms),
          int(dps),
          int((r0.generatedStates * 1000) / ms),
          c.tlc ? `${(dps / TLC.distinctPerSecond[1]).toFixed(0)}×` : "",
          mib(median(rs.map((r) => r.maxRssKb))),
          (r0.memory.bytesPerState ?? 0).toFixed(1),
          r0.fingerprint.collisionProbability.toExponential(1),
        ];
      }),
    ),
  );
  lines.push("");

  lines.push("## Two workers");
  lines.push("");
  lines.push(
    "`--workers 2`: once a level has 20,000 states (that level starts the worker thread), the calling thread and " +
      "the worker share every level of at least 5,000 states; searches whose levels stay smaller (`default`, " +
      "`deep`) run in one thread, since on 2 cores a worker's start-up and JIT warm-up cost more than it saves them " +
      "(checker/parallel.ts). The result is the same as with one worker. Both sides run with liveness off " +
      "(`--no-liveness`): a run that checks liveness records every transition in the calling thread, so it " +
      "expands in one thread whatever `--workers` says. Speed-up: time with 1 ÷ time with 2; threads: those that " +
      "expanded states.",
  );
  lines.push("");
  lines.push(
    table(
      ["configuration", "time, 1 worker", "time, 2 workers", "speed-up", "threads", "distinct/s, 2 workers", "generated/s, 2 workers", "peak memory, 2 workers"],
      configs.map((c) => {
        const a = median((oneSafety.get(c.name) ?? []).map((r) => r.elapsedMs));
        const rs = two.get(c.name) ?? [];
        const b = median(rs.map((r) => r.elapsedMs));
        const r0 = rs[0];
        return [
          c.label,
          secs(a),
          secs(b),
          `${(a / b).toFixed(2)}×`,
          String(r0.workers),
          int((r0.distinctStates * 1000) / b),
          int((r0.generatedStates * 1000) / b),
          mib(median(rs.map((r) => r.maxRssKb))),
        ];
      }),
    ),
  );
  lines.push("");

  lines.push("## Where the time goes (one worker, `timing`)");
  lines.push("");
  lines.push(
    "One more run per configuration with phase timing on (which costs a few percent). Transition: decoding queued " +
      "states, enabled actions, successor states. Fingerprint: encoding and hashing successors. Visited set: " +
      "fingerprint table and trace table. Queue: storing new states. Properties: invariants and witnesses of new " +
      "states, and the path-witness search run during the BFS. Path witness: its end-of-level work.",
  );
  lines.push("");
  const phases = ["transitionMs", "fingerprintMs", "visitedMs", "queueMs", "propertiesMs", "pathWitnessMs"] as const;
  lines.push(
    table(
      ["configuration", "total", "transition", "fingerprint", "visited set", "queue", "properties", "path witness", "other"],
      configs.map((c) => {
        const r = timing.get(c.name) as RunJson;
        const t = r.timing ?? {};
        const total = r.elapsedMs;
        const parts = phases.map((p) => t[p] ?? 0);
        const pct = (x: number): string => `${Math.round(x)} ms (${Math.round((100 * x) / total)}%)`;
        return [c.label, secs(total), ...parts.map(pct), pct(Math.max(0, total - parts.reduce((a, b) => a + b, 0)))];
      }),
    ),
  );
  lines.push("");

  lines.push("## Symmetry (`--symmetry`, one worker)");
  lines.push("");
  lines.push(
    "One state per orbit under permutations of the content ids (counts are orbits; depths, witness depths and " +
      "counterexample lengths are those of the full run).",
  );
  lines.push("");
  lines.push(
    table(
      ["configuration", "states", "orbits", "time", "orbits/s", "bytes/orbit"],
      configs.map((c) => {
        const full = (one.get(c.name) ?? [])[0];
        const r = symmetric.get(c.name) as RunJson;
        return [
          c.label,
          int(full.distinctStates),
          int(r.distinctStates),
          secs(r.elapsedMs),
          int((r.distinctStates * 1000) / r.elapsedMs),
          (r.memory.bytesPerState ?? 0).toFixed(1),
        ];
      }),
    ),
  );
  lines.push("");

  lines.push(...livenessSection(liveness, runs));

  const text = lines.join("\n");
  process.stdout.write(text);
  if (out !== null) {
    writeFileSync(out, text);
    log(`wrote ${out}`);
  }
}

main();
