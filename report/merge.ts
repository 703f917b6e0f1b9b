/**
 * `mirrorcheck merge`: one result from the JSON results of several jobs, e.g. the shards of a
 * random search run as a CI matrix (`simulate --shard i/n --json`), or checks of several
 * configurations. Counts (runs, steps, per action, per situation) are summed, witnesses
 * merged (reached anywhere, at the shortest depth), and the first violation kept: the one of
 * the lowest shard, then the first file. It also says whether the shards' seeds were
 * disjoint, as `--shard` promises when every job used the same `--seed` and shard count.
 * Inputs are validated field by field (mergeInput.ts); inputs of different seeds, shard
 * counts or configurations are refused unless forced, and then the result says what was mixed.
 */
import { SEED_MODULUS } from "../checker/index.js";
import { MergeInputError, type ConfigIn, type ResultIn, type ViolationIn } from "./mergeInput.js";
import { num, renderTable } from "./table.js";

export { MergeInputError, readResult } from "./mergeInput.js";

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
  /** What was mixed when --force merged results of different seeds, shard counts or configurations (else empty). */
  readonly mixed: readonly string[];
  /** The first violation (lowest shard, then first file), with the file it came from. */
  readonly violations: readonly (ViolationIn & { readonly file: string; readonly shard: { readonly index: number; readonly count: number } | null })[];
  readonly witnesses: Readonly<Record<string, { readonly reached: boolean; readonly depth: number | null; readonly required: boolean }>>;
  readonly actions: Readonly<Record<string, number>>;
  readonly situations: Readonly<Record<string, number>>;
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

function configText(c: ConfigIn): string {
  const parts = [`contents=${c.contents}`, `txns=${c.txns}`, `faults=${c.faults}`, `mirroring=${c.mirroring}`, `syncRepReload=${c.syncRepReload}`];
  if (c.hosts !== null) parts.push(`hosts=${c.hosts}`, `placement=${c.placement ?? "?"}`);
  if (c.off.length > 0) parts.push(`off=${[...c.off].sort().join(",")}`);
  if (c.variant !== undefined) parts.push(`variant=${c.variant.name}`);
  return `${c.name} (${parts.join(" ")})`;
}

/**
 * What differs between inputs that should be parts of one search: the seed, the shard count
 * (an unsharded simulate run counts as its own kind), the configuration. Each entry names
 * the values and the files that have them. Empty when the inputs agree.
 */
export function mixedInputs(inputs: readonly ResultIn[]): string[] {
  const out: string[] = [];
  const differ = (what: string, pick: (r: ResultIn) => string | null): void => {
    const files = new Map<string, string[]>();
    for (const r of inputs) {
      const v = pick(r);
      if (v !== null) files.set(v, [...(files.get(v) ?? []), r.file]);
    }
    if (files.size > 1) out.push(`different ${what}: ${[...files].map(([v, fs]) => `${v} in ${fs.join(", ")}`).join(" vs ")}`);
  };
  differ("seeds", (r) => (r.seeds === null ? null : `--seed ${r.seeds.base}`));
  differ("shard counts", (r) => (r.kind !== "simulate" ? null : r.shard === null ? "no --shard" : `--shard i/${r.shard.count}`));
  differ("configurations", (r) => configText(r.config));
  return out;
}

export interface MergeOptions {
  /** Merge inputs of different seeds, shard counts or configurations; `mixed` then says what was mixed. */
  readonly force?: boolean;
}

export function mergeResults(inputs: readonly ResultIn[], options: MergeOptions = {}): MergedJson {
  if (inputs.length === 0) throw new MergeInputError("nothing to merge");
  // Sums over different searches read as one search's coverage: refused unless asked for.
  const mixed = mixedInputs(inputs);
  if (mixed.length > 0 && options.force !== true) {
    throw new MergeInputError(`the results are not parts of one search: ${mixed.join("; ")} (--force merges them anyway)`);
  }
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
    mixed,
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
  for (const x of m.mixed) out.push(`WARNING (--force): merged results of different searches: ${x}`);
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
