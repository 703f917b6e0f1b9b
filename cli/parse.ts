/** Strict parsers for option values: a bad value is a one-line usage error, never a NaN. */
import { InvalidArgumentError } from "commander";

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return Number(value);
}

export function positiveInteger(value: string): number {
  const n = integer(value);
  if (n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

export function nonNegativeInteger(value: string): number {
  const n = integer(value);
  if (n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return n;
}

/** For repeatable options that also accept comma-separated lists: --off a --off b,c. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(",").map((v) => v.trim()).filter((v) => v.length > 0)];
}

/** Seconds, possibly with a unit: 90, 1.5, 30s, 10m, 1h (check's and simulate's --time-limit). */
export function duration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/.exec(value);
  const n = m === null ? NaN : Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "m" ? 60 : 1);
  if (!(n > 0)) throw new InvalidArgumentError(`expected a positive duration (90, 1.5, 30s, 10m, 1h), got "${value}"`);
  return n;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** Bytes, with a binary unit: 2g, 512m, 1.5G, 800mb, 1048576 (check's --max-memory). */
export function byteSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$/i.exec(value);
  const n = m === null ? NaN : Math.floor(Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()]);
  if (!(n >= 1)) throw new InvalidArgumentError(`expected a size such as 512m, 2g or 1.5g, got "${value}"`);
  return n;
}
