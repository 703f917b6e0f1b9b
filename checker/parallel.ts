/**
 * Parallel BFS with worker threads, level-synchronous, with the same result as one thread.
 *
 * Design. `workers: N` uses the calling thread (the coordinator) and N-1 worker threads. The
 * coordinator keeps everything the single-threaded search keeps: the fingerprint table (in a
 * SharedArrayBuffer), the state table, the properties, the queue. A level's queue is copied
 * into shared memory and cut into chunks of consecutive states, which every thread takes
 * one at a time from a shared counter (Atomics.add) until none is left. Expanding a chunk
 * gives its *candidates*: successors not in the table as it was at the start of the level
 * and not already produced in the chunk, in the order the single-threaded loop meets them,
 * with their property bits (expand.ts). The coordinator merges the chunks in chunk order,
 * keeping the first occurrence of each fingerprint (a level-local table), so the new states,
 * their indices, parents and ordinals are exactly those of the single-threaded loop, and so
 * are traces, violations and witness depths. At the end of the level it adds the new
 * fingerprints to the shared table, which workers only read, and only during a level: no
 * locks, no races. Path-witness searches (pathSearch.ts) get the successors of their flagged
 * states the same way.
 *
 * The coordinator waits synchronously (Atomics.wait on a shared word that workers bump after
 * each message, and receiveMessageOnPort), so `check` stays a synchronous function.
 *
 * Small searches stay in one thread: levels run in the plain loop of bfs.ts until one has
 * `parallelMinLevel` states (20,000 by default). That level starts the workers and runs in
 * the calling thread while they start; the next level of at least a quarter of that size
 * waits for them to be up, and from then on every such level is shared. A search without a
 * level that big (`default`, `deep`, a short counterexample) never starts a worker and
 * reports 1.
 * Runs the options make exact or sequential (DFS, `exact`, `maxStates`, `timing`) never
 * start workers either.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { AllocationFailure } from "./alloc.js";
import type { RunBudget } from "./budget.js";
import type { ActionCounts, ProgressClock, PropertyTracker } from "./common.js";
import {
  ChunkExpander,
  FMETA,
  F_HI,
  F_HOLDS,
  F_LEN,
  F_LO,
  F_MASK,
  F_SHALLOW,
  F_START,
  META,
  M_BITS,
  M_HI,
  M_INV,
  M_LEN,
  M_LO,
  M_ORD,
  M_PARENT,
  M_START,
  M_WIT,
  type ChunkResult,
  type LevelMessage,
} from "./expand.js";
import { FingerprintTable } from "./fpTable.js";
import { UserError, type Model, type StateCodec } from "./model.js";
import type { PathSearches } from "./pathSearch.js";
import type { ByteQueue, Level } from "./queue.js";
import type { CheckOptions } from "./result.js";
import { VISITED } from "./setup.js";
import type { StateTable } from "./stateTable.js";

/**
 * The default `parallelMinLevel`: the level size (about 0.1 s of work for one thread) from
 * which worker threads are used. Measured on 2 cores: a worker costs the calling thread about
 * 0.3 s while it starts and its JIT compiles the hot code (they compete for the cores), and
 * its first chunks run slowly; searches whose levels stay smaller (`default`, `deep`) lose
 * more than they gain, so they run alone.
 */
export const PARALLEL_MIN_LEVEL = 20_000;

export interface LevelPool<S> {
  readonly table: FingerprintTable;
  /** Threads that expanded states: all of them once a level was big enough, else 1. */
  readonly used: number;
  /** Whether a level of `n` states is expanded by every thread (otherwise the plain loop). */
  wants(n: number): boolean;
  /**
   * Expands a level as the single-threaded loop would, with every thread. Polls `budget`
   * after each merged chunk: when it says stop, the level ends there (`stopped`), with the
   * states merged so far in `next` and in the table.
   */
  expandLevel(
    cur: Level<S>,
    levelStart: number,
    nextLevel: number,
    table: StateTable,
    props: PropertyTracker<S>,
    counts: ActionCounts,
    progress: ProgressClock | null,
    budget: RunBudget,
    distinctBefore: number,
    paths: PathSearches<S> | null,
    pathFlags: Uint32Array | null,
  ): { generated: number; next: Level<S>; stopped: boolean };
  close(): void;
}

/** The compiled worker entry, next to this file (absent when running from TypeScript sources). */
const WORKER_URL = new URL("./worker.js", import.meta.url);

/** Why `options` and `model` cannot use workers, or null when they can. */
export function parallelUnavailable<S, A>(model: Model<S, A>, options: CheckOptions): string | null {
  if ((options.workers ?? 1) <= 1) return "one worker asked for";
  if (options.strategy === "dfs") return "DFS is sequential";
  if (options.exact === true) return "exact keys are kept in one thread";
  if (options.maxStates !== undefined) return "--max-states stops at an exact state, counted in one thread";
  if (options.timing === true) return "phase timing measures one thread";
  if (model.codec === undefined || model.source === undefined) return "the model has no codec or source";
  if (model.invariants.length > 31 || model.witnesses.length > 31) return "more than 31 properties";
  if (!model.source.module.endsWith(".js")) return "the model is not compiled JavaScript";
  if (!existsSync(fileURLToPath(WORKER_URL))) return "no compiled worker entry (running from sources)";
  return null;
}

/**
 * A pool of `workers` - 1 worker threads (the calling thread is the other one), started when
 * the first big level comes, when the options ask for more than one thread and the model
 * allows it; else null.
 */
export function openPool<S, A>(model: Model<S, A>, options: CheckOptions): LevelPool<S> | null {
  if (parallelUnavailable(model, options) !== null) return null;
  return new WorkerPool(model, options.workers ?? 1, options.symmetry === true, options.parallelMinLevel ?? PARALLEL_MIN_LEVEL);
}

/** How long the first helped level waits for the workers to start (a loaded machine is slow). */
const READY_TIMEOUT_MS = 5000;

interface Slot {
  readonly worker: Worker;
  readonly port: MessagePort;
  ready: boolean;
}

class WorkerPool<S, A> implements LevelPool<S> {
  readonly table = new FingerprintTable(1 << 12, true, VISITED);
  used = 1;
  private readonly slots: Slot[] = [];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly codec: StateCodec<S>;
  /** The coordinator expands chunks too, with the same code as the workers. */
  private readonly own: ChunkExpander<S, A>;
  /** Numbers the parallel levels (a check that no answer strays into the next level). */
  private round = 0;
  /** Whether the first level big enough for the workers has waited for them. */
  private waited = false;

  constructor(
    private readonly model: Model<S, A>,
    private readonly threads: number,
    private readonly symmetric: boolean,
    private readonly minLevel: number,
  ) {
    const codec = model.codec;
    if (codec === undefined) throw new Error("parallel BFS needs a codec");
    this.codec = codec;
    this.own = new ChunkExpander(model, symmetric);
  }

  /** Starts the worker threads (once). */
  private spawn(): void {
    const source = this.model.source;
    if (this.slots.length > 0 || source === undefined) return;
    for (let i = 1; i < this.threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_URL, {
        workerData: { port: port2, signal: this.signal.buffer, source, symmetric: this.symmetric },
        transferList: [port2],
      });
      worker.unref();
      this.slots.push({ worker, port: port1, ready: false });
    }
  }

  wants(n: number): boolean {
    // The first level of `minLevel` states starts the workers and runs here while they start;
    // the next level of at least a quarter of that waits for them to be up (briefly: they had
    // a level's time), and from then on every such level is shared.
    if (this.slots.length === 0) {
      if (n >= this.minLevel) this.spawn();
      return false;
    }
    if (n < this.minLevel / 4) return false;
    if (!this.waited) {
      this.waited = true;
      this.awaitReady(READY_TIMEOUT_MS);
    }
    return this.slots.some((s) => s.ready);
  }

  /** Waits until every worker is up, or `timeoutMs` has passed. */
  private awaitReady(timeoutMs: number): void {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      for (const slot of this.slots) if (!slot.ready) this.poll(slot);
      const left = end - performance.now();
      if (this.slots.every((x) => x.ready) || left <= 0) return;
      Atomics.wait(this.signal, 0, seen, Math.min(left, 50));
    }
  }

  /** Reads one message of a slot without waiting; handles readiness and errors. */
  private poll(slot: Slot): ChunkResult | null {
    const m = receiveMessageOnPort(slot.port);
    if (m === undefined) return null;
    const msg = m.message as { type: string; message?: string; userError?: boolean; name?: string };
    if (msg.type === "ready") {
      slot.ready = true;
      return null;
    }
    if (msg.type === "error") {
      const text = msg.message ?? "unknown error";
      if (msg.userError === true) throw new UserError(msg.name ?? "Error", text);
      // A worker that ran out of memory is a memory verdict like the coordinator's own.
      if (/^(RangeError|AllocationFailure)\b.*(allocation failed|Invalid typed array length|Invalid array buffer length)/.test(text)) {
        throw new AllocationFailure("a worker thread's chunk", 0, text.split("\n")[0]);
      }
      throw new Error(`worker thread failed: ${text}`);
    }
    return msg as ChunkResult;
  }

  expandLevel(
    cur: Level<S>,
    levelStart: number,
    nextLevel: number,
    table: StateTable,
    props: PropertyTracker<S>,
    counts: ActionCounts,
    progress: ProgressClock | null,
    budget: RunBudget,
    distinctBefore: number,
    paths: PathSearches<S> | null,
    pathFlags: Uint32Array | null,
  ): { generated: number; next: Level<S>; stopped: boolean } {
    const q = cur.queue as ByteQueue<S>;
    const n = q.length;
    for (const slot of this.slots) if (!slot.ready) this.poll(slot);
    const helpers = this.slots.filter((s) => s.ready);
    this.used = Math.max(this.used, helpers.length + 1);
    const threads = helpers.length + 1;
    // At least 8 chunks per thread (so that no thread waits long for the last one), at most
    // 2,048 states each.
    const chunk = Math.max(64, Math.min(2048, Math.ceil(n / (threads * 8))));
    const chunks = Math.ceil(n / chunk);
    // Every thread takes the next chunk from this shared counter until none is left.
    const claim = new Int32Array(new SharedArrayBuffer(4));
    const round = ++this.round;
    // The level's states in shared memory.
    const byteLength = q.byteLength;
    const bytes = new Uint8Array(new SharedArrayBuffer(Math.max(1, byteLength)));
    bytes.set(q.bytes.subarray(0, byteLength));
    const offsets = new Int32Array(new SharedArrayBuffer((n + 1) * 4));
    offsets.set(q.offsets.subarray(0, n + 1));
    const message: LevelMessage = {
      type: "level",
      round,
      bytes,
      offsets,
      n,
      chunk,
      claim,
      levelStart,
      table: this.table.words,
      capacity: this.table.capacity,
      invMask: props.unviolatedMask(),
      witMask: props.pendingMask(),
      pathFlags: pathFlags === null ? null : shared32(pathFlags),
      pathRunning: paths?.runningMask ?? 0,
      pathTables: (paths?.flaggedTables() ?? []).map((t) => (t === null ? null : { words: t.words, capacity: t.capacity })),
    };
    for (const s of helpers) s.port.postMessage(message);
    this.own.startLevel(message);

    const results: (ChunkResult | undefined)[] = new Array<ChunkResult | undefined>(chunks);
    let merged = 0;
    let mine = true; // chunks may be left for this thread to take
    const next = cur.empty();
    const level = nextLevel - 1;
    const local = new FingerprintTable(Math.max(1024, n * 2));
    let newHi: Uint32Array = new Uint32Array(Math.max(1024, n * 2));
    let newLo: Uint32Array = new Uint32Array(newHi.length);
    let found = 0;
    let generated = 0;
    let stopped = false;
    while (merged < chunks && !stopped) {
      const seen = Atomics.load(this.signal, 0);
      let progressed = false;
      if (mine) {
        const id = Atomics.add(claim, 0, 1);
        if (id < chunks) {
          results[id] = this.own.expand(id, round, id * chunk, Math.min(n, (id + 1) * chunk));
          progressed = true;
        } else mine = false;
      }
      for (const slot of helpers) {
        for (let r = this.poll(slot); r !== null; r = this.poll(slot)) {
          if (r.round !== round) throw new Error(`a worker answered for level round ${r.round} during round ${round}`);
          results[r.id] = r;
          progressed = true;
        }
      }
      // Merge the chunks that are complete, in order.
      while (merged < chunks && results[merged] !== undefined) {
        const r = results[merged] as ChunkResult;
        results[merged] = undefined;
        merged++;
        generated += r.generated;
        counts.addAll(r.actions);
        const meta = r.meta;
        const unviolated = props.unviolatedMask();
        const pending = props.pendingMask();
        for (let c = 0; c < r.count; c++) {
          const k = c * META;
          const hi = meta[k + M_HI];
          const lo = meta[k + M_LO];
          if (!local.insert(hi, lo)) continue;
          if (found === newHi.length) {
            newHi = grow(newHi);
            newLo = grow(newLo);
          }
          newHi[found] = hi;
          newLo[found] = lo;
          found++;
          const idx = table.add(meta[k + M_PARENT], meta[k + M_ORD]);
          next.pushBytes(r.bytes, meta[k + M_START], meta[k + M_LEN], hi, lo, meta[k + M_BITS]);
          if ((meta[k + M_INV] & unviolated) !== 0 || (meta[k + M_WIT] & pending) !== 0) {
            props.discover(this.codec.decode(r.bytes, meta[k + M_START]), idx, nextLevel);
          }
        }
        if (paths !== null) {
          const f = r.fmeta;
          for (let c = 0; c < r.fcount; c++) {
            const k = c * FMETA;
            paths.successorBytes(
              level,
              f[k + F_MASK],
              f[k + F_HI],
              f[k + F_LO],
              f[k + F_HOLDS],
              f[k + F_SHALLOW] === 1,
              r.bytes,
              f[k + F_START],
              f[k + F_LEN],
            );
          }
        }
        progress?.poll(distinctBefore + found, generated, n, level);
        if (budget.poll() !== null) {
          // No thread takes another chunk; those being expanded are dropped with the pool.
          Atomics.store(claim, 0, chunks);
          stopped = true;
          break;
        }
      }
      if (!progressed && merged < chunks && !stopped) Atomics.wait(this.signal, 0, seen, 100);
    }
    for (let i = 0; i < found; i++) this.table.insert(newHi[i], newLo[i]);
    return { generated, next, stopped };
  }

  close(): void {
    for (const slot of this.slots) {
      slot.port.postMessage({ type: "exit" });
      slot.port.close();
      void slot.worker.terminate();
    }
  }
}

function shared32(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(new SharedArrayBuffer(Math.max(4, a.byteLength)));
  b.set(a);
  return b;
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
