// Issue 11, the CLI's part: whatever stops a run (a bound, a signal, a time limit, memory)
// the user gets the verdict so far and a clear reason on stdout in the chosen format, with an
// exit code that says which; and no user mistake ends in a stack trace. Each case runs the
// built CLI as a child process, as a user or a CI job would.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { classify } from "../../cli/errorReport.js";
import { escapeControls } from "../../cli/escape.js";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI to completion; `node` are options for node itself (--max-old-space-size). */
function mirrorcheck(args: readonly string[], node: readonly string[] = [], stdout?: number): Run {
  const r = spawnSync(process.execPath, [...node, BIN, ...args], {
    encoding: "utf8",
    ...(stdout === undefined ? {} : { stdio: ["ignore", stdout, "pipe"] }),
  });
  return { code: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? "") };
}

/** The CLI in the background, sent `signals` at the given times (ms after start); resolves when it exits. */
function signalled(args: readonly string[], signals: readonly [number, ...NodeJS.Signals[]][]): Promise<Run & { pid: number; ms: number }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const t0 = Date.now();
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  const timers = signals.map(([at, ...sigs]) => setTimeout(() => sigs.forEach((sig) => child.kill(sig)), at));
  return new Promise((resolve) => {
    child.on("close", (code) => {
      timers.forEach(clearTimeout);
      resolve({ code, stdout, stderr, pid: child.pid ?? -1, ms: Date.now() - t0 });
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A JavaScript stack trace line ("    at foo (file.js:1:2)"): never for a user's mistake. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** One line on stderr, no stack trace, nothing on stdout: how a usage error looks. */
function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr.trimEnd().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-robust-"));

describe("a signal is a verdict: the report so far, exit 3", () => {
  it("SIGINT during check --json: one JSON object, incomplete, interrupted; nothing left running", async () => {
    const r = await signalled(["check", "--config", "wide", "--json"], [[2000, "SIGINT"]]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).not.toMatch(STACK);
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe("incomplete");
    expect(j.incompleteReason).toMatch(/interrupted/);
    expect(j.config.name).toBe("wide");
    expect(alive(r.pid)).toBe(false);
  });

  it("SIGTERM during simulate: the text report says incomplete and why, exit 3", async () => {
    const r = await signalled(["simulate", "--runs", "100000000", "--seed", "1", "--no-progress"], [[1500, "SIGTERM"]]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^INCOMPLETE {2}interrupted \(SIGTERM\)/m);
    expect(r.stdout).not.toMatch(/^PASS/m);
    expect(r.stderr).not.toMatch(STACK);
  });

  it("a second signal exits at once, without waiting for the report", async () => {
    // Sent together: a stopped search hands its report back within milliseconds, so a second
    // signal sent later would often find the run already over.
    const r = await signalled(["check", "--contents", "3", "--txns", "3", "--faults", "2", "--no-progress"], [[1000, "SIGINT", "SIGTERM"]]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    // The two arrive in either order: whichever comes second ends the run at once.
    expect(r.stderr).toMatch(/a second signal \((SIGINT|SIGTERM)\): exiting at once/);
    expect(r.ms).toBeLessThan(2500);
    expect(alive(r.pid)).toBe(false);
  });
});

describe("memory and time: incomplete with the reason, never a crash", () => {
  it("a small V8 heap: check stops itself, incomplete for memory, with the figures, exit 3", () => {
    const r = mirrorcheck(["check", "--config", "wide", "--json", "--no-progress", "--workers", "1"], ["--max-old-space-size=24"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).not.toMatch(STACK);
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe("incomplete");
    expect(j.incompleteReason).toMatch(/memory/i);
  });

  it("--max-memory and --time-limit are check options; a bad size is a usage error", () => {
    const mem = mirrorcheck(["check", "--config", "wide", "--max-memory", "8m", "--no-progress", "--workers", "1"]);
    expect(mem.code, mem.stderr).toBe(3);
    expect(mem.stdout).toMatch(/^INCOMPLETE {2}.*memory/im);
    const time = mirrorcheck(["check", "--config", "wide", "--time-limit", "0.5", "--json", "--no-progress"]);
    expect(time.code, time.stderr).toBe(3);
    expect(JSON.parse(time.stdout).incompleteReason).toMatch(/time/i);
    expectOneLineError(mirrorcheck(["check", "--max-memory", "lots"]), /expected a size such as 512m/);
  });

  it("an allocation failure is not bad input (exit 3, kind memory); a user's RangeError is (exit 2)", () => {
    expect(classify(new RangeError("Array buffer allocation failed"))).toMatchObject({ kind: "memory", exitCode: 3 });
    expect(classify(new RangeError("--shard must be i/n (e.g. 2/8), got \"x\""))).toMatchObject({ kind: "config", exitCode: 2 });
    expect(classify(new Error("a bug"))).toBeNull();
  });
});

describe("outputs are checked before the search", () => {
  const cex = ["check", "--config", "bug-promoteRequiresInSync", "--no-progress"];

  it.each([
    ["check", [...cex, "--trace-out", "nodir/cex.trace"], /^mirrorcheck: cannot write nodir\/cex\.trace: no such directory$/m],
    ["check", [...cex, "--itf", "nodir/cex.itf.json"], /cannot write nodir\/cex\.itf\.json: no such directory/],
    ["check", [...cex, "--html", "nodir/cex.html"], /cannot write nodir\/cex\.html: no such directory/],
    ["simulate", ["simulate", "--trace", "nodir/found.trace", "--no-progress"], /cannot write nodir\/found\.trace: no such directory/],
  ])("%s: an output in a missing directory is one line, exit 2, and no search", (_, args, pattern) => {
    expectOneLineError(mirrorcheck(args), pattern);
  });

  it("an output that is a directory, or two outputs naming one file, is refused", () => {
    expectOneLineError(mirrorcheck([...cex, "--trace-out", dir]), /is a directory/);
    const f = join(dir, "same.out");
    expectOneLineError(mirrorcheck([...cex, "--trace-out", f, "--html", f]), /--trace-out and --html both name/);
  });

  it("replay refuses an output that would overwrite its input", () => {
    const trace = join(dir, "in.trace");
    writeFileSync(trace, "config contents=2 txns=2 faults=2\nFtsProbe content=0\n");
    expectOneLineError(mirrorcheck(["replay", trace, "--itf", trace]), /would overwrite the input file/);
    expect(readFileSync(trace, "utf8")).toContain("FtsProbe content=0");
  });

  it("a write that fails after the search: the report is printed anyway, the failure is a warning, the verdict's exit code", () => {
    const r = mirrorcheck([...cex, "--trace-out", "/dev/full"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("NoLostAckedCommit violated");
    expect(r.stderr).toMatch(/warning: cannot write \/dev\/full: no space left on device/);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe("streams", () => {
  const long = join(dir, "long.trace");
  writeFileSync(long, ["config contents=2 txns=2 faults=2", ...Array.from({ length: 3000 }, () => "FtsProbe content=0")].join("\n") + "\n");

  it("a reader that closes stdout early (| head -1): no stack trace, the verdict's exit code", async () => {
    const child = spawn(process.execPath, [BIN, "replay", long], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("a full disk on stdout (> /dev/full): one line on stderr, no stack trace", () => {
    const fd = openSync("/dev/full", "w");
    try {
      const r = mirrorcheck(["check", "--config", "tiny", "--json", "--no-progress"], [], fd);
      expect(r.stderr).toBe("mirrorcheck: cannot write to stdout: no space left on device\n");
      expect(r.code).toBe(0);
    } finally {
      closeSync(fd);
    }
  });

  it.each([
    [["check", "--json", "--bogus"], "usage", /unknown option '--bogus'/],
    [["check", "--json", "--config", "nope"], "config", /unknown configuration "nope"/],
    [["simulate", "--json", "--runs", "x"], "usage", /expected an integer/],
    [["replay", "--json", join(dir, "missing.trace")], "usage", /cannot read .*: no such file/],
    [["explain", "--json"], "usage", /missing required argument/],
    [["merge", "--json", join(dir, "missing.json")], "usage", /cannot read/],
    [["placement", "--json"], "usage", /give --hosts/],
    [["history", "--json"], "usage", /required option/],
    [["list", "--json", "--bogus"], "usage", /unknown option '--bogus'/],
    [["diff", "--json", join(dir, "missing.trace"), "--on", "commitWaitsForMirror"], "usage", /cannot read .*: no such file/],
    [["compare", "--json"], "usage", /required option '--variant <file>'/],
    [["frobnicate", "--json"], "usage", /unknown command/],
  ])("with --json, %j is one JSON error object on stdout, exit 2", (args, kind, message) => {
    const r = mirrorcheck(args);
    expect(r.code, r.stderr).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["error"]);
    expect(j.error.kind).toBe(kind);
    expect(j.error.message).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe("inputs that do not fit are bad input, exit 2", () => {
  const P = "0:5:0:1:20:33:31:5:15:30:30:21:26:20:30:28:30:29:42:41:42:42:41:41:55:58:72:56:64:66:63:92:92:91:96:99:94:96:97";
  const sim = ["simulate", "--config", "bug-inSyncOnlyWhenCaughtUp", "--no-progress"];

  it("simulate --seed --path: a path that fits replays its violation; one that does not is one line, exit 2", () => {
    const ok = mirrorcheck([...sim, "--seed", "441350188", "--path", P]);
    expect(ok.code).toBe(1);
    expect(ok.stdout).toMatch(/^VIOLATION {2}InSyncMirrorHasAllAcked/m);
    expectOneLineError(mirrorcheck([...sim, "--seed", "1", "--path", P]), /--path .* does not fit the walks of seed 1/);
    expectOneLineError(mirrorcheck([...sim, "--seed", "441350188", "--path", `${P}:999`]), /does not fit .*it names no walk/);
    expectOneLineError(mirrorcheck([...sim, "--seed", "1", "--path", "0:x"]), /--path must be fast-check's path/);
  });

  it("explain --property with an unknown name names the known properties", () => {
    const trace = join(dir, "explain.trace");
    writeFileSync(trace, "config contents=2 txns=2 faults=2\nFtsProbe content=0\n");
    expectOneLineError(mirrorcheck(["explain", trace, "--property", "Nope"]), /unknown property "Nope" for --property; known: NoLostAckedCommit, .*ContentsServe/);
  });

  it("an ITF file with no states, or an unknown violated property, is a malformed file", () => {
    const itf = join(dir, "cex.itf.json");
    expect(mirrorcheck(["check", "--config", "bug-markDownBeforeSyncRepOff", "--itf", itf, "--no-progress"]).code).toBe(1);
    const json = JSON.parse(readFileSync(itf, "utf8"));
    const empty = join(dir, "empty.itf.json");
    writeFileSync(empty, JSON.stringify({ ...json, states: [] }));
    expectOneLineError(mirrorcheck(["replay", empty]), /needs at least one state/);
    const nope = join(dir, "nope.itf.json");
    writeFileSync(nope, JSON.stringify({ ...json, "#meta": { ...json["#meta"], "mirrorcheck::violated": "Nope" } }));
    expectOneLineError(mirrorcheck(["replay", nope]), /mirrorcheck::violated: unknown property "Nope"/);
  });

  it("control bytes from an input file are shown as \\xNN, never sent to the terminal", () => {
    const trace = join(dir, "ctl.trace");
    writeFileSync(trace, "config contents=2 txns=2 faults=2\nFtsProbe\u001b[2J\u0007 content=0\n");
    const r = mirrorcheck(["replay", trace]);
    expectOneLineError(r, /unknown action "FtsProbe\\x1b\[2J\\x07"/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(escapeControls("a\tb\u0085c\u0000")).toBe("a\tb\\x85c\\x00");
  });
});
