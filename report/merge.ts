/**
 * `mirrorcheck merge`: one result from the JSON results of several jobs, e.g. the shards of a
 * random search run as a CI matrix (`simulate --shard i/n --json`), or checks of several
 * configurations. Counts (runs, steps, per action, per situation) are summed, witnesses
 * merged (reached anywhere, at the shortest depth), and the first violation kept: the one of
 * the lowest shard, then the first file. It also says whether the shards' seeds were
 * disjoint, as `--shard` promises when every job used the same `--seed` and shard count.
 */
import { SEED_MODULUS } from "../checker/index.js";
import { num, renderTable } from "./table.js";

/** A file that is not a result of `simulate --json` or `check --json`. */
export class MergeInputError extends Error {
  override readonly name = "MergeInputError";
}

interface ViolationIn {
  readonly property: string;
  readonly kind: string;
  readonly message: string;
  readonly length: number;
  readonly trace: readonly string[];
  readonly replay?: string;
  readonly traceFile?: string;
}

/** What merge reads from each input: the fields common to simulate and check JSON. */
interface ResultIn {
  readonly file: string;
  readonly kind: "simulate" | "check";
  readonly configName: string;
  readonly result: "pass" | "violation" | "incomplete";
  readonly runs: number;
  readonly steps: number;
  readonly seeds: { readonly start: number; readonly stride: number; readonly count: number; readonly base: number } | null;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly violations: readonly ViolationIn[];
  readonly witnesses: Readonly<Record<string, { readonly reached: boolean; readonly depth: number | null; readonly required: boolean }>>;
  readonly actions: Readonly<Record<string, number>>;
  readonly situations: Readonly<Record<string, number>>;
}

export interface MergedJson {
  readonly merged: number;
  readonly inputs: readonly {
    readonly file: string;
    readonly kind: "simulate" | "check";
    readonly config: string;
    readonly result: string;
    readonly shard: { readonly index: number; readonly count: number } | null;
    readonly runs: number;
    readonly steps: number;
  }[];
  /** violation if any input has one, else incomplete if any is, else pass. */
  readonly result: "pass" | "violation" | "incomplete";
  readonly runs: number;
  readonly steps: number;
  readonly seeds: { readonly disjoint: boolean; readonly problems: readonly string[] };
  /** The first violation (lowest shard, then first file), with the file it came from. */
  readonly violations: readonly (ViolationIn & { readonly file: string; readonly shard: { readonly index: number; readonly count: number } | null })[];
  readonly witnesses: Readonly<Record<string, { readonly reached: boolean; readonly depth: number | null; readonly required: boolean }>>;
  readonly actions: Readonly<Record<string, number>>;
  readonly situations: Readonly<Record<string, number>>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function counts(file: string, field: string, x: unknown): Record<string, number> {
  // check --json reports "situations": null unless --coverage was given.
  if (x === undefined || x === null) return {};
  if (!isRecord(x) || !Object.values(x).every((v) => typeof v === "number")) {
    throw new MergeInputError(`${file}: "${field}" must map names to numbers`);
  }
  return x as Record<string, number>;
}

/** Reads one parsed JSON result; a MergeInputError names the file and what is wrong. */
export function readResult(file: string, json: unknown): ResultIn {
  if (!isRecord(json)) throw new MergeInputError(`${file}: not a JSON object`);
  const strategy = json.strategy;
  if (strategy !== "random" && strategy !== "bfs" && strategy !== "dfs") {
    throw new MergeInputError(`${file}: not a result of mirrorcheck simulate --json or check --json (no "strategy")`);
  }
  const result = json.result;
  if (result !== "pass" && result !== "violation" && result !== "incomplete") {
    throw new MergeInputError(`${file}: "result" must be pass, violation or incomplete`);
  }
  const config = json.config;
  if (!isRecord(config) || typeof config.name !== "string") throw new MergeInputError(`${file}: no config name`);
  if (!Array.isArray(json.violations)) throw new MergeInputError(`${file}: "violations" must be a list`);
  const violations: ViolationIn[] = json.violations.map((v: unknown, i: number) => {
    if (!isRecord(v) || typeof v.property !== "string" || typeof v.message !== "string" || !Array.isArray(v.trace)) {
      throw new MergeInputError(`${file}: violation ${i + 1} lacks property, message or trace`);
    }
    return {
      property: v.property,
      kind: typeof v.kind === "string" ? v.kind : "invariant",
      message: v.message,
      length: typeof v.length === "number" ? v.length : v.trace.length,
      trace: v.trace.map(String),
      ...(typeof v.replay === "string" ? { replay: v.replay } : {}),
      ...(typeof v.traceFile === "string" ? { traceFile: v.traceFile } : {}),
    };
  });
  const witnesses: Record<string, { reached: boolean; depth: number | null; required: boolean }> = {};
  if (json.witnesses !== undefined) {
    if (!isRecord(json.witnesses)) throw new MergeInputError(`${file}: "witnesses" must be an object`);
    for (const [name, w] of Object.entries(json.witnesses)) {
      if (!isRecord(w) || typeof w.reached !== "boolean") throw new MergeInputError(`${file}: witness ${name} lacks "reached"`);
      witnesses[name] = {
        reached: w.reached,
        depth: typeof w.depth === "number" ? w.depth : null,
        required: w.required === true,
      };
    }
  }
  const kind = strategy === "random" ? "simulate" : "check";
  let seeds: ResultIn["seeds"] = null;
  let shard: ResultIn["shard"] = null;
  let runs = 0;
  let steps = 0;
  if (kind === "simulate") {
    const s = json.seeds;
    if (!isRecord(s) || ![s.base, s.start, s.stride, s.count].every((x) => typeof x === "number")) {
      throw new MergeInputError(`${file}: a simulate result needs "seeds" {base, start, stride, count}`);
    }
    seeds = { base: s.base as number, start: s.start as number, stride: s.stride as number, count: s.count as number };
    if (json.shard !== null && json.shard !== undefined) {
      const sh = json.shard;
      if (!isRecord(sh) || typeof sh.index !== "number" || typeof sh.count !== "number") {
        throw new MergeInputError(`${file}: "shard" must be {index, count} or null`);
      }
      shard = { index: sh.index, count: sh.count };
    }
    if (typeof json.runs !== "number" || typeof json.steps !== "number") throw new MergeInputError(`${file}: no runs or steps`);
    runs = json.runs;
    steps = json.steps;
  }
  return {
    file,
    kind,
    configName: config.name,
    result,
    runs,
    steps,
    seeds,
    shard,
    violations,
    witnesses,
    actions: counts(file, "actions", json.actions),
    situations: counts(file, "situations", json.situations),
  };
}

/**
 * Whether x is among start + k*stride (mod 2^31), k < count. Runs are compared by these
 * positions: a run's seed is a bijection of its position, so equal seeds mean equal positions.
 */
function inProgression(x: number, p: { start: number; stride: number; count: number }): boolean {
  const d = (((x - p.start) % SEED_MODULUS) + SEED_MODULUS) % SEED_MODULUS;
  return d % p.stride === 0 && d / p.stride < p.count;
}

/** Problems with the seeds of simulate inputs of the same configuration: overlaps between two inputs. */
function seedProblems(inputs: readonly ResultIn[]): string[] {
  const problems: string[] = [];
  const sims = inputs.filter((r) => r.seeds !== null);
  for (let i = 0; i < sims.length; i++) {
    for (let j = i + 1; j < sims.length; j++) {
      const a = sims[i];
      const b = sims[j];
      if (a.configName !== b.configName || a.seeds === null || b.seeds === null) continue;
      const [small, large] = a.seeds.count <= b.seeds.count ? [a.seeds, b.seeds] : [b.seeds, a.seeds];
      let overlap: number | null = null;
      for (let k = 0; k < small.count && overlap === null; k++) {
        const x = (small.start + ((k * small.stride) % SEED_MODULUS)) % SEED_MODULUS;
        if (inProgression(x, large)) overlap = k;
      }
      if (overlap !== null) {
        problems.push(`${a.file} and ${b.file} ran the same walks: use the same --seed and n, and different i, in --shard i/n`);
      }
    }
  }
  return problems;
}

export function mergeResults(inputs: readonly ResultIn[]): MergedJson {
  if (inputs.length === 0) throw new MergeInputError("nothing to merge");
  const sum = (field: "actions" | "situations"): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of inputs) for (const [k, n] of Object.entries(r[field])) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  const witnesses: Record<string, { reached: boolean; depth: number | null; required: boolean }> = {};
  for (const r of inputs) {
    for (const [name, w] of Object.entries(r.witnesses)) {
      const cur = witnesses[name] ?? { reached: false, depth: null, required: false };
      const depth = w.depth === null ? cur.depth : cur.depth === null ? w.depth : Math.min(cur.depth, w.depth);
      witnesses[name] = { reached: cur.reached || w.reached, depth, required: cur.required || w.required };
    }
  }
  // First violation: lowest shard index (unsharded inputs after sharded ones), then file order.
  const order = inputs
    .map((r, i) => ({ r, i }))
    .sort((x, y) => (x.r.shard?.index ?? Infinity) - (y.r.shard?.index ?? Infinity) || x.i - y.i);
  const first = order.find(({ r }) => r.violations.length > 0)?.r ?? null;
  const problems = seedProblems(inputs);
  const result = inputs.some((r) => r.result === "violation")
    ? "violation"
    : inputs.some((r) => r.result === "incomplete")
      ? "incomplete"
      : "pass";
  return {
    merged: inputs.length,
    inputs: inputs.map((r) => ({
      file: r.file,
      kind: r.kind,
      config: r.configName,
      result: r.result,
      shard: r.shard,
      runs: r.runs,
      steps: r.steps,
    })),
    result,
    runs: inputs.reduce((n, r) => n + r.runs, 0),
    steps: inputs.reduce((n, r) => n + r.steps, 0),
    seeds: { disjoint: problems.length === 0, problems },
    violations: first === null ? [] : [{ ...first.violations[0], file: first.file, shard: first.shard }],
    witnesses,
    actions: sum("actions"),
    situations: sum("situations"),
  };
}

export function mergeText(m: MergedJson): string {
  const out: string[] = [];
  const configs = [...new Set(m.inputs.map((i) => i.config))];
  const shards = m.inputs.filter((i) => i.shard !== null).map((i) => `${i.shard?.index}/${i.shard?.count}`);
  out.push(
    `mirrorcheck merge: ${m.merged} results (${configs.join(", ")}${shards.length > 0 ? `; shards ${shards.join(", ")}` : ""})`,
  );
  const v = m.violations[0];
  if (v !== undefined) {
    const where = v.shard === null ? v.file : `shard ${v.shard.index}/${v.shard.count} (${v.file})`;
    out.push(`VIOLATION  ${v.property} in ${v.length} actions, from ${where}`);
  } else if (m.result === "incomplete") {
    out.push(`INCOMPLETE  no violation, but a check stopped at a bound (${num(m.runs)} walks, ${num(m.steps)} steps)`);
  } else {
    out.push(`PASS  no violation in ${num(m.runs)} walks (${num(m.steps)} steps) across ${m.merged} results`);
  }
  out.push(
    m.seeds.disjoint
      ? "Seeds: no two results ran the same seed."
      : `Seeds OVERLAP (the same walks were searched twice):\n  ${m.seeds.problems.join("\n  ")}`,
  );
  if (v !== undefined) {
    out.push("");
    out.push(`${v.property} violated: ${v.message}`);
    out.push("");
    v.trace.forEach((a, i) => out.push(`  ${String(i + 1).padStart(3)}  ${a}`));
    if (v.replay !== undefined) {
      out.push("");
      out.push(`Replay the shrunk walk: ${v.replay}`);
    }
  }
  out.push("");
  out.push(
    renderTable(
      ["witness", "status"],
      Object.entries(m.witnesses).map(([name, w]) => [
        name,
        w.reached ? `reached after ${w.depth} actions` : w.required ? "not reached" : "not expected",
      ]),
    ),
  );
  out.push("");
  // A check counts transitions per action, a random search steps.
  const unit = m.inputs.every((i) => i.kind === "simulate") ? "steps" : "steps or transitions";
  out.push(renderTable(["action", unit], Object.entries(m.actions).map(([k, n]) => [k, num(n)])));
  if (Object.keys(m.situations).length > 0) {
    out.push("");
    out.push(renderTable(["situation", "seen"], Object.entries(m.situations).map(([k, n]) => [k, num(n)])));
  }
  return out.join("\n");
}
