import { checkBfs } from "./bfs.js";
import { validateOptions } from "./common.js";
import { checkDfs } from "./dfs.js";
import type { Model } from "./model.js";
import type { CheckOptions, CheckResult } from "./result.js";

/** Checks `model` exhaustively with `options.strategy` (breadth-first by default). */
export function check<S, A>(model: Model<S, A>, options: CheckOptions = {}): CheckResult<S, A> {
  validateOptions(options);
  return options.strategy === "dfs" ? checkDfs(model, options) : checkBfs(model, options);
}
