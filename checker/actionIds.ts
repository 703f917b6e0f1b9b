/**
 * Action identity for the random search and the minimiser. The generic `Model<S, A>` says
 * that `formatAction(a)` is the action "as a person would write it in a trace": two actions
 * with the same text are the same action instance. Both engines compare actions by that text,
 * and the random walk also needs a 32-bit hash of it. The text of an action object never
 * changes, so it is computed once per object (models such as the Greenplum one hand out the
 * same action objects in every state).
 */
import type { Model } from "./model.js";

export interface ActionIds<A> {
  /** The action's text (`formatAction`). */
  text(a: A): string;
  /** A 32-bit hash of the text (FNV-1a), stable across runs and machines. */
  hash(a: A): number;
}

/** FNV-1a over the UTF-16 code units of `s`, as an unsigned 32-bit integer. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function actionIds<S, A>(model: Model<S, A>): ActionIds<A> {
  const texts = new WeakMap<object, string>();
  const hashes = new WeakMap<object, number>();
  const text = (a: A): string => {
    if (typeof a !== "object" || a === null) return model.formatAction(a);
    let t = texts.get(a);
    if (t === undefined) {
      t = model.formatAction(a);
      texts.set(a, t);
    }
    return t;
  };
  const hash = (a: A): number => {
    if (typeof a !== "object" || a === null) return fnv1a(model.formatAction(a));
    let h = hashes.get(a);
    if (h === undefined) {
      h = fnv1a(text(a));
      hashes.set(a, h);
    }
    return h;
  };
  return { text, hash };
}

/**
 * A 52-bit hash of a string (two 32-bit FNV-style lanes), exact as a JavaScript number: for
 * sets of state keys where a collision (probability about n²/2^53) only undercounts by one.
 */
export function hash52(k: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ k.length;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 12) * 2 ** 32 + (b >>> 0);
}
