/** Small helpers to write property messages with concrete values. */
import { dbidOf, type Config } from "../model/index.js";

export function walText(wal: readonly number[]): string {
  return wal.length === 0 ? "-" : wal.join(",");
}

export function dbid(cfg: Config, c: number, i: 0 | 1): number {
  return dbidOf(cfg, c, i);
}

/** The content ids 0..K-1: the subjects of the per-content liveness properties. */
export function contentIds(cfg: Config): number[] {
  return Array.from({ length: cfg.contents }, (_, c) => c);
}
