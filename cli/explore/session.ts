/**
 * An exploring session, without any terminal: `execute` maps one command line to the text
 * to print and whether the command was accepted. The session holds a path (the initial
 * state and the steps after it), the position in it where the user stands (steps after it
 * stay reachable with `goto`), and the path the last `find` found, until the user moves.
 */
import {
  actionFamilies,
  SAFEGUARDS,
  allActions,
  enabledActions,
  formatAction,
  step,
  type Action,
  type Config,
  type State,
  ConfigError,
  VariantError,
} from "../../model/index.js";
import { safetyPropertiesOf, witnessesOf } from "../../properties/index.js";
import { diffStates, renderTable } from "../../report/index.js";
import { UsageError } from "../errors.js";
import { variantPathFrom } from "../variantFile.js";
import { actionsText, enabledSummary, ftsRowText, lookupAction, whyText } from "./actionText.js";
import { COMMANDS, helpText } from "./commands.js";
import { findPath, findTarget, targetNames } from "./find.js";
import { Rejection } from "./rejection.js";
import { pathTraceText } from "./saveText.js";
import { stateText } from "./stateText.js";
import { parseWhatIf, reapply, whatIfText } from "./whatIf.js";

/** Where a session starts: a configuration and a path of actions (a trace's), standing after step `at`. */
export interface SessionStart {
  /** The canonical configuration's name, for the saved trace's config line; null for a custom one. */
  readonly name: string | null;
  readonly cfg: Config;
  readonly actions: readonly Action[];
  readonly at: number;
}

/** Writing a saved trace; throws a UsageError (one line) when it cannot. */
export type SaveFile = (path: string, text: string) => void;

export interface Outcome {
  readonly output: string;
  /** False when the command was rejected (the output is then one `error: ...` line). */
  readonly ok: boolean;
  readonly quit: boolean;
}

/** The most states `find` explores before it gives up (exit from the search, not the session). */
export const FIND_MAX_STATES = 2_000_000;

interface Step {
  readonly action: Action | null;
  readonly state: State;
}

export class ExploreSession {
  private cfg: Config;
  private readonly name: string | null;
  private steps: Step[];
  private pos: number;
  /** The path the last `find` found from where the user stands; dropped on any move. */
  private found: { readonly actions: readonly Action[] } | null = null;

  constructor(
    start: SessionStart,
    private readonly save: SaveFile,
  ) {
    this.cfg = start.cfg;
    this.name = start.name;
    const r = reapply(start.cfg, start.actions);
    if (r.stuck !== null) throw new UsageError(`step ${r.stuck.step} of the path is not enabled: ${r.stuck.unmet}`);
    this.steps = r.states.map((state, k) => ({ action: k === 0 ? null : start.actions[k - 1], state }));
    if (!Number.isInteger(start.at) || start.at < 0 || start.at >= this.steps.length) {
      throw new UsageError(`--at ${start.at} is out of range: the trace has steps 0..${this.steps.length - 1}`);
    }
    this.pos = start.at;
  }

  /** The configuration the session runs under (changes with `what-if --switch`). */
  get config(): Config {
    return this.cfg;
  }

  get state(): State {
    return this.steps[this.pos].state;
  }

  /** The step the user stands after (0 = initial state). */
  get position(): number {
    return this.pos;
  }

  /** The actions from the initial state to where the user stands. */
  get actionsSoFar(): Action[] {
    return this.steps.slice(1, this.pos + 1).flatMap((s) => (s.action === null ? [] : [s.action]));
  }

  /** Text for tab completion: command names, then action texts, the enabled ones first. */
  completions(): string[] {
    const enabled = enabledActions(this.cfg, this.state).map((b) => formatAction(b.action));
    const others = allActions(this.cfg)
      .map((b) => formatAction(b.action))
      .filter((t) => !enabled.includes(t));
    return [...COMMANDS.map((c) => c.name), "exit", ...enabled, ...others];
  }

  /** A short heading for where the user stands, printed at the start. */
  where(): string {
    const s = this.steps[this.pos];
    const at = this.pos === 0 ? "the initial state" : `step ${this.pos} (${s.action === null ? "" : formatAction(s.action)})`;
    const ahead = this.steps.length - 1 - this.pos;
    return `at ${at}${ahead > 0 ? `; ${ahead} more step${ahead === 1 ? "" : "s"} ahead on the path (goto ${this.steps.length - 1})` : ""}`;
  }

  execute(line: string): Outcome {
    try {
      const output = this.dispatch(line.trim());
      return { output: output ?? "", ok: true, quit: output === null };
    } catch (e) {
      if (e instanceof Rejection || e instanceof UsageError || e instanceof ConfigError) return { output: `error: ${e.message}`, ok: false, quit: false };
      // A proposal's rule that throws or breaks the state's shape: nothing after it can be trusted, the session ends.
      if (e instanceof VariantError) return { output: `error: ${e.message}; the session ends`, ok: false, quit: true };
      throw e;
    }
  }

  /** The output of a command; null to end the session. */
  private dispatch(line: string): string | null {
    const words = line.split(/\s+/).filter((w) => w.length > 0);
    const [cmd, ...args] = words;
    const rest = args.join(" ");
    const none = (): void => {
      if (args.length > 0) throw new Rejection(`${cmd} takes no argument, got "${rest}"`);
    };
    switch (cmd) {
      case undefined:
        return "";
      case "help":
        none();
        return helpText();
      case "quit":
      case "exit":
        none();
        return null;
      case "state":
        none();
        return `${this.where()}\n\n${stateText(this.cfg, this.state)}`;
      case "actions":
        none();
        return actionsText(this.cfg, this.state);
      case "why":
        if (args.length === 0) throw new Rejection("why needs an action: a number from `actions` or its trace text");
        return whyText(this.cfg, this.state, lookupAction(this.cfg, this.state, rest));
      case "take":
        if (args.length === 0) throw new Rejection("take needs an action: a number from `actions` or its trace text");
        return this.take(rest);
      case "back":
        return this.back(args);
      case "goto":
        return this.goto(args);
      case "path":
        none();
        return this.pathText();
      case "diff":
        none();
        return this.diffText();
      case "check":
        none();
        return this.checkText();
      case "find":
        if (args.length !== 1) throw new Rejection(`find needs one property or witness: ${targetNames(this.cfg).join(", ")}`);
        return this.find(args[0]);
      case "follow":
        none();
        return this.follow();
      case "what-if":
        return this.whatIf(args);
      case "save":
        if (args.length !== 1) throw new Rejection("save needs one file name");
        return this.saveTo(args[0]);
      default:
        if (/^\d+$/.test(cmd) && args.length === 0) return this.take(cmd);
        if (this.isActionFamily(cmd)) return this.take(line);
        throw new Rejection(`unknown command "${cmd}" (type help)`);
    }
  }

  private isActionFamily(word: string): boolean {
    return actionFamilies(this.cfg).some((t) => t === word);
  }

  private moveTo(pos: number): void {
    this.pos = pos;
    this.found = null;
  }

  private take(text: string): string {
    const s = this.state;
    const b = lookupAction(this.cfg, s, text);
    const unmet = b.guard(s);
    if (unmet !== undefined) {
      throw new Rejection(`${formatAction(b.action)} is not enabled: ${unmet}; ${enabledSummary(this.cfg, s)}`);
    }
    const row = ftsRowText(this.cfg, s, b);
    const next = this.steps[this.pos + 1];
    const label = formatAction(b.action);
    if (next === undefined || next.action === null || formatAction(next.action) !== label) {
      this.steps = [...this.steps.slice(0, this.pos + 1), { action: b.action, state: step(s, b) }];
    }
    this.moveTo(this.pos + 1);
    const lines = [`step ${this.pos}: ${label}${row === null ? "" : `  [${row}]`}`, ...this.changeLines(this.pos)];
    lines.push(...this.newViolations(s, this.state));
    return lines.join("\n");
  }

  private changeLines(k: number): string[] {
    const changes = diffStates(this.cfg, this.steps[k - 1].state, this.steps[k].state);
    if (changes.length === 0) return ["  (no change)"];
    return changes.map((c) => `  ${c.field}: ${c.before} → ${c.after}`);
  }

  /** Properties violated after a step that held before it. */
  private newViolations(before: State, after: State): string[] {
    const out: string[] = [];
    for (const p of safetyPropertiesOf(this.cfg)) {
      if (!p.appliesTo(this.cfg)) continue;
      const m = p.check(this.cfg, after);
      if (m !== undefined && p.check(this.cfg, before) === undefined) out.push(`now VIOLATED: ${p.name}: ${m}`);
    }
    return out;
  }

  private count(args: readonly string[], cmd: string): number | null {
    if (args.length === 0) return null;
    if (args.length > 1 || !/^\d+$/.test(args[0])) throw new Rejection(`${cmd} takes one number, got "${args.join(" ")}"`);
    return Number(args[0]);
  }

  private back(args: readonly string[]): string {
    const n = this.count(args, "back") ?? 1;
    if (n > this.pos) throw new Rejection(`cannot go back ${n} step${n === 1 ? "" : "s"}: you stand after step ${this.pos}`);
    this.moveTo(this.pos - n);
    return this.where();
  }

  private goto(args: readonly string[]): string {
    const n = this.count(args, "goto");
    if (n === null) throw new Rejection("goto needs a step number");
    const last = this.steps.length - 1;
    if (n > last) throw new Rejection(`no step ${n}: the path has steps 0..${last}`);
    this.moveTo(n);
    return this.where();
  }

  private pathText(): string {
    const rows = this.steps.map((s, k) => [
      k === this.pos ? "*" : "",
      String(k),
      s.action === null ? "(initial state)" : formatAction(s.action),
      k > this.pos ? "ahead" : "",
    ]);
    const out = [renderTable(["", "step", "action", ""], rows)];
    if (this.found !== null) out.push("", `pending from find (follow takes them): ${this.found.actions.map(formatAction).join(", ")}`);
    return out.join("\n");
  }

  private diffText(): string {
    if (this.pos === 0) return "the initial state: no step before it";
    const s = this.steps[this.pos];
    const changes = diffStates(this.cfg, this.steps[this.pos - 1].state, s.state);
    const head = `step ${this.pos}: ${s.action === null ? "" : formatAction(s.action)}`;
    if (changes.length === 0) return `${head}\n(no change)`;
    return `${head}\n${renderTable(["what changed", "before → after"], changes.map((c) => [c.field, `${c.before} → ${c.after}`]))}`;
  }

  private checkText(): string {
    const cfg = this.cfg;
    const s = this.state;
    const rows: string[][] = [];
    for (const p of safetyPropertiesOf(cfg)) {
      if (!p.appliesTo(cfg)) continue;
      const m = p.check(cfg, s);
      rows.push([p.name, m === undefined ? "holds" : "VIOLATED", m ?? ""]);
    }
    const path = this.steps.slice(0, this.pos + 1).map((x) => x.state);
    for (const w of witnessesOf(cfg)) {
      const after = w.after;
      const reached = w.holds(cfg, s) && (after === undefined || path.some((x) => after(cfg, x)));
      rows.push([`${w.name} (witness)`, reached ? "reached here" : "not here", ""]);
    }
    return renderTable(["property", "verdict", "message"], rows);
  }

  private find(name: string): string {
    const target = findTarget(this.cfg, name);
    const path = this.steps.slice(0, this.pos + 1).map((x) => x.state);
    const seenBefore = path.slice(0, -1).some((x) => target.after(x));
    const r = findPath(this.cfg, this.state, seenBefore, target, FIND_MAX_STATES);
    const what = target.kind === "safety" ? `a state violating ${name}` : `a state where witness ${name} holds`;
    if (r.kind === "none") return `no path from here reaches ${what} (${r.states.toLocaleString("en-US")} states searched)`;
    if (r.kind === "incomplete") return `no path found within the search's limit: ${r.reason} (${r.states.toLocaleString("en-US")} states searched)`;
    if (r.actions.length === 0) return `this state already is ${what}: ${r.message}`;
    this.found = { actions: r.actions };
    const lines = [`${r.actions.length} step${r.actions.length === 1 ? "" : "s"} from here to ${what} (${r.states.toLocaleString("en-US")} states searched):`];
    const width = String(this.pos + r.actions.length).length;
    r.actions.forEach((a, k) => lines.push(`  ${String(this.pos + k + 1).padStart(width)}  ${formatAction(a)}`));
    lines.push(`then: ${r.message}`);
    lines.push("Type `follow` to take these steps.");
    return lines.join("\n");
  }

  private follow(): string {
    if (this.found === null) throw new Rejection("nothing to follow: run find first (moving drops what it found)");
    const out: string[] = [];
    const actions = this.found.actions;
    for (const a of actions) out.push(this.take(formatAction(a)));
    return out.join("\n");
  }

  private whatIf(args: readonly string[]): string {
    const req = parseWhatIf(args);
    const path = this.steps.slice(0, this.pos + 1).map((x) => x.state);
    const { text, newCfg } = whatIfText(this.cfg, path, this.actionsSoFar, req);
    if (!req.switchTo) return text;
    const allActions = this.steps.slice(1).flatMap((s) => (s.action === null ? [] : [s.action]));
    const r = reapply(newCfg, allActions);
    this.cfg = newCfg;
    this.steps = r.states.map((state, k) => ({ action: k === 0 ? null : allActions[k - 1], state }));
    this.moveTo(Math.min(this.pos, this.steps.length - 1));
    const dropped = r.stuck === null ? "" : `; steps ${r.stuck.step}.. of the path no longer apply and were dropped`;
    const off = SAFEGUARDS.filter((g) => !newCfg.safeguards[g]);
    return `${text}\nSwitched: the session now runs with ${off.length === 0 ? "every safeguard on" : `off=${off.join(",")}`}, syncRepReload=${newCfg.syncRepReload}${dropped}; ${this.where()}`;
  }

  private saveTo(file: string): string {
    const variant = this.cfg.variant ?? null;
    const text = pathTraceText(this.name, this.cfg, this.actionsSoFar, this.state, variant === null ? undefined : variantPathFrom(file, variant));
    this.save(file, text);
    return `saved ${this.pos} step${this.pos === 1 ? "" : "s"} to ${file} (mirrorcheck replay ${file} reproduces them)`;
  }
}
