/**
 * `save FILE`: the current path as a trace file that `mirrorcheck replay` reproduces. The
 * config line names the configuration (`config name=NAME`) and adds only what differs from
 * it (the overrides and what-if switches), so that the file says where it came from; when
 * that cannot be said with a name (a safeguard the named configuration has off is on here),
 * the line spells every key out instead. The final state's violated safety properties become
 * `expect violated P` lines, as `check --trace-out` writes them.
 */
import { canonicalConfig } from "../../configs/index.js";
import { resolveConfig, type Action, type Config, type State } from "../../model/index.js";
import { safetyPropertiesOf } from "../../properties/index.js";
import { configLine, writeTrace } from "../../trace/index.js";

/** The `off=` value of a config line's words as a set. */
function offOf(words: readonly string[]): Set<string> {
  const w = words.find((x) => x.startsWith("off="));
  return new Set(w === undefined ? [] : w.slice(4).split(","));
}

/** `config name=NAME ...` with only the keys that differ from NAME's; the plain config line without a name or when NAME cannot express `cfg`. */
export function namedConfigLine(name: string | null, cfg: Config, variantPath?: string): string {
  const plain = configLine(cfg, variantPath);
  if (name === null) return plain;
  const words = plain.split(" ").slice(1);
  const baseWords = configLine(resolveConfig(canonicalConfig(name).input)).split(" ").slice(1);
  const off = offOf(words);
  const baseOff = offOf(baseWords);
  // `off=` adds to the named configuration's: a safeguard it has off cannot be switched on.
  if ([...baseOff].some((g) => !off.has(g))) return plain;
  const keyOf = (w: string): string => w.slice(0, w.indexOf("="));
  const changed = words.filter((w) => !w.startsWith("off=") && !baseWords.includes(w));
  // `hosts=` without `placement=` means group placement: a changed host count names its placement too.
  const extra = changed.some((w) => w.startsWith("hosts=")) ? words.filter((w) => changed.includes(w) || w.startsWith("placement=")) : changed;
  // A key the named configuration has and `cfg` omits (a default) must be written out.
  for (const bw of baseWords) {
    const k = keyOf(bw);
    if (k !== "off" && !words.some((w) => keyOf(w) === k)) return plain;
  }
  const newOff = [...off].filter((g) => !baseOff.has(g));
  return ["config", `name=${name}`, ...extra, ...(newOff.length === 0 ? [] : [`off=${newOff.join(",")}`])].join(" ");
}

/** The trace file of a path: its actions, then `expect violated P` for each safety property the final state violates. */
/**
 * Under a proposal the config line names it as `variant=PATH`, `variantPath` being its path
 * from the saved file's folder.
 */
export function pathTraceText(name: string | null, cfg: Config, actions: readonly Action[], final: State, variantPath?: string): string {
  const violated = safetyPropertiesOf(cfg).filter((p) => p.appliesTo(cfg) && p.check(cfg, final) !== undefined);
  const comments = [
    `Saved by mirrorcheck explore (${name ?? "custom configuration"}): ${actions.length} actions.`,
    ...violated.map((p) => `${p.name}: ${p.check(cfg, final) ?? ""}`),
  ];
  const text = writeTrace({ config: cfg, actions, comments, variantPath, ...(violated.length === 0 ? {} : { violated: violated[0].name }) });
  const plain = configLine(cfg, variantPath);
  const lines = text.split("\n").map((l) => (l === plain ? namedConfigLine(name, cfg, variantPath) : l));
  // writeTrace writes one `expect violated`; the others follow it.
  const more = violated.slice(1).map((p) => `expect violated ${p.name}`);
  return [...lines.slice(0, -1), ...more, ""].join("\n");
}
