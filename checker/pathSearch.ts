/**
 * Witnesses with a path condition (`after`), found during the main BFS instead of by a second
 * search afterwards (pathWitness.ts, still used for DFS, exact keys and a complete run whose
 * last level max-depth left unexpanded). A run cut short keeps the depths found so far: a
 * search after it would have to expand every stored state, most of which the BFS never
 * expanded, at many times the cost of the search.
 *
 * The shortest path to a state t through a state satisfying `after` (a *flagged* path) is a
 * BFS over (state, flag) pairs. Its flagged part is a BFS with many sources: every state u
 * with after(u) is a source at its BFS depth d(u) (a shortest path to u is flagged, since u
 * itself is). Write f(s) for the flagged distance of s; always f(s) >= d(s). So while the
 * main BFS expands level L, the flagged nodes at distance L split in two:
 * - A: states of level L with f = L. These are being expanded by the main BFS anyway, so
 *   their successors cost nothing more than a few table lookups;
 * - B: states of smaller depth reached by a flagged path of length L. Few (dozens, against
 *   tens of thousands in A for `default`): they are expanded separately at the end of the level.
 * The witness depth is the first distance at which a flagged node satisfies `holds`.
 *
 * Bookkeeping per witness: `flagged`, the fingerprints of nodes at distance <= L (stable
 * while level L is expanded, so that a state of level L is in it exactly when it is an A
 * node), and `levelFlagged`, those found at distance L+1, merged at the end of the level. The unflagged half of the pair
 * search is the main BFS itself. For each state of the queue the search keeps its
 * fingerprint and a bit mask: bit j = after_j, bit 16+j = holds_j (j = path witness number).
 */
import { FingerprintTable } from "./fpTable.js";
import type { Model, Witness } from "./model.js";
import { ByteQueue, type LevelQueue } from "./queue.js";
import type { HashedVisited } from "./visited.js";

/** At most this many witnesses with a path condition are searched during the BFS. */
export const MAX_PATH_WITNESSES = 16;

interface Search<S> {
  readonly witness: Witness<S>;
  /** Index in model.witnesses. */
  readonly index: number;
  readonly flagged: FingerprintTable;
  levelFlagged: FingerprintTable;
  /** B nodes at the current distance, and those found for the next one. */
  b: LevelQueue<S>;
  bNext: LevelQueue<S>;
  found: number | null;
  /** Nothing more to find: found, or no flagged node left. */
  done: boolean;
}

export class PathSearches<S> {
  private readonly searches: Search<S>[] = [];
  /** Search numbers still running, as a bit mask. */
  private running = 0;

  constructor(
    private readonly model: Model<S, unknown>,
    private readonly visited: HashedVisited<S>,
    newQueue: () => LevelQueue<S>,
    /** Keep `flagged` in shared memory, for worker threads to read during a level. */
    shared = false,
  ) {
    model.witnesses.forEach((w, index) => {
      if (w.after === undefined || this.searches.length >= MAX_PATH_WITNESSES) return;
      this.running |= 1 << this.searches.length;
      this.searches.push({
        witness: w,
        index,
        flagged: new FingerprintTable(1 << 12, shared),
        levelFlagged: new FingerprintTable(1 << 10),
        b: newQueue(),
        bNext: newQueue(),
        found: null,
        done: false,
      });
    });
    if (model.witnesses.filter((w) => w.after !== undefined).length > MAX_PATH_WITNESSES) {
      throw new RangeError(`at most ${MAX_PATH_WITNESSES} witnesses with a path condition are supported`);
    }
  }

  /** The running searches as a bit mask (bit j = search j). */
  get runningMask(): number {
    return this.running;
  }

  /** The `flagged` tables of the running searches (null for the others), by search number. */
  flaggedTables(): (FingerprintTable | null)[] {
    return this.searches.map((x, j) => ((this.running & (1 << j)) === 0 ? null : x.flagged));
  }

  /** Whether some search still runs (otherwise the BFS can skip all of this). */
  get active(): boolean {
    return this.running !== 0;
  }

  /** after_j / holds_j bits of a newly discovered state (0 once every search is over). */
  bitsOf(s: S): number {
    let bits = 0;
    const running = this.running;
    if (running === 0) return 0;
    for (let j = 0; j < this.searches.length; j++) {
      if ((running & (1 << j)) === 0) continue;
      const w = this.searches[j].witness;
      if ((w.after as (s: S) => boolean)(s)) bits |= 1 << j;
      if (w.holds(s)) bits |= 1 << (16 + j);
    }
    return bits;
  }

  /** holds_j bits (as bits 16+j) of a state, for the running searches in `mask`. */
  holdsBits(s: S, mask: number): number {
    let bits = 0;
    for (let j = 0; j < this.searches.length; j++) {
      if ((mask & (1 << j)) !== 0 && this.searches[j].witness.holds(s)) bits |= 1 << (16 + j);
    }
    return bits;
  }

  /**
   * Start of level L: which of its n states are flagged nodes at distance L (A), as a mask of
   * search numbers per state; after-states become sources here. Null when no search runs.
   */
  startLevel(level: number, n: number, hi: Uint32Array, lo: Uint32Array, bits: Uint32Array): Uint32Array | null {
    if (this.running === 0) return null;
    const flags = new Uint32Array(n);
    for (let j = 0; j < this.searches.length; j++) {
      if ((this.running & (1 << j)) === 0) continue;
      const x = this.searches[j];
      const m = 1 << j;
      for (let p = 0; p < n; p++) {
        let isF = x.flagged.has(hi[p], lo[p]);
        if (!isF && (bits[p] & m) !== 0) {
          x.flagged.insert(hi[p], lo[p]);
          isF = true;
        }
        if (!isF) continue;
        flags[p] |= m;
        if ((bits[p] & (m << 16)) !== 0) this.reach(x, level);
      }
    }
    return flags;
  }

  /**
   * A successor of a level-L state flagged for the searches in `mask`: its fingerprint, its
   * holds bits, and whether its BFS depth is <= L ("shallow": then it is a B node at distance
   * L+1 and `state` is pushed on the B queue). Returns nothing; updates the searches.
   */
  successor(level: number, mask: number, hi: number, lo: number, holds: number, shallow: boolean, state: S | null): void {
    const live = mask & this.running;
    if (live === 0) return;
    for (let j = 0; j < this.searches.length; j++) {
      if ((live & (1 << j)) === 0) continue;
      const x = this.searches[j];
      if (!this.admit(x, level, hi, lo, holds, j)) continue;
      if (shallow && state !== null) x.bNext.push(state);
    }
  }

  /** As `successor`, for a state given by its encoding (from a worker thread). */
  successorBytes(
    level: number,
    mask: number,
    hi: number,
    lo: number,
    holds: number,
    shallow: boolean,
    bytes: Uint8Array,
    start: number,
    length: number,
  ): void {
    const live = mask & this.running;
    if (live === 0) return;
    for (let j = 0; j < this.searches.length; j++) {
      if ((live & (1 << j)) === 0) continue;
      const x = this.searches[j];
      if (!this.admit(x, level, hi, lo, holds, j)) continue;
      if (shallow) {
        if (!(x.bNext instanceof ByteQueue)) throw new Error("bytes for an object queue");
        x.bNext.pushBytes(bytes, start, length);
      }
    }
  }

  /** Records a node at distance L+1 unless seen; true if new. */
  private admit(x: Search<S>, level: number, hi: number, lo: number, holds: number, j: number): boolean {
    if (x.flagged.has(hi, lo) || !x.levelFlagged.insert(hi, lo)) return false;
    if ((holds & (1 << (16 + j))) !== 0) this.reach(x, level + 1);
    return true;
  }

  /**
   * End of level L (the main BFS expanded it): expands the B nodes at distance L, merges the
   * nodes found at distance L+1 and stops the searches that are over.
   */
  endLevel(level: number, mainOver: boolean): void {
    for (let j = 0; j < this.searches.length; j++) {
      if ((this.running & (1 << j)) === 0) continue;
      const x = this.searches[j];
      this.expandB(x, level);
      x.flagged.absorb(x.levelFlagged);
      x.levelFlagged = new FingerprintTable(Math.max(1 << 10, x.levelFlagged.size * 2));
      x.b = x.bNext;
      x.bNext = x.b.empty();
      // Over when found (later levels only give longer paths), or when nothing is left to
      // expand once the main BFS is over.
      if (x.found !== null || (mainOver && x.b.length === 0)) this.stop(j);
    }
  }

  /**
   * After the main BFS, whose last level was `level`-1: runs the remaining B levels. `poll`
   * is asked before each (progress, limits); true stops the searches there and `finish`
   * returns false (their depths are then those found so far).
   */
  finish(level: number, poll: () => boolean = () => false): boolean {
    while (this.running !== 0) {
      if (poll()) return false;
      this.endLevel(level, true);
      level++;
    }
    return true;
  }

  /**
   * After a run cut short with states of level L found but not expanded (`n` of them, with
   * their bits): those satisfying both `after` and `holds` reach their witness at distance L.
   * The other nodes at distance L were met while level L-1 was expanded. Nothing more is
   * searched: the depths are then those of paths through the explored levels.
   */
  reachAt(level: number, n: number, bits: Uint32Array): void {
    for (let j = 0; j < this.searches.length; j++) {
      if ((this.running & (1 << j)) === 0) continue;
      const both = (1 << j) | (1 << (16 + j));
      for (let p = 0; p < n; p++) {
        if ((bits[p] & both) === both) {
          this.reach(this.searches[j], level);
          break;
        }
      }
    }
  }

  /** The witnesses whose search is still running (not found, not over), by name. */
  unfinished(): string[] {
    return this.searches.filter((x, j) => (this.running & (1 << j)) !== 0 && x.found === null).map((x) => x.witness.name);
  }

  /** Witness depths by index in model.witnesses (undefined for witnesses without `after`). */
  depths(): (number | null | undefined)[] {
    const out: (number | null | undefined)[] = this.model.witnesses.map(() => undefined);
    for (const x of this.searches) out[x.index] = x.found;
    return out;
  }

  private reach(x: Search<S>, distance: number): void {
    if (x.found === null || distance < x.found) x.found = distance;
  }

  private stop(j: number): void {
    this.running &= ~(1 << j);
    this.searches[j].done = true;
  }

  /** Expands the B nodes at distance L (states of depth < L): their successors are shallow too. */
  private expandB(x: Search<S>, level: number): void {
    const { model, visited } = this;
    const b = x.b;
    for (let p = 0; p < b.length; p++) {
      const u = b.get(p);
      const acts = model.actions(u);
      for (let o = 0; o < acts.length; o++) {
        const t = model.next(u, acts[o]);
        // Confined to the states of the main search (all of them once it is over).
        const [hi, lo] = visited.fingerprintOf(t);
        if (!visited.table.has(hi, lo)) continue;
        if (x.flagged.has(hi, lo) || !x.levelFlagged.insert(hi, lo)) continue;
        if (x.witness.holds(t)) this.reach(x, level + 1);
        x.bNext.push(t);
      }
    }
  }
}
