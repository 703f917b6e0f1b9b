/**
 * Entry point of a BFS worker thread (started by parallel.ts from the compiled dist/ file).
 * It rebuilds the model from its `source`, then expands the chunks of each level it is sent.
 * Every message it posts is followed by a bump of the shared signal word, so that the
 * coordinator, which waits synchronously (Atomics.wait), wakes up to read it.
 */
import { workerData, type MessagePort } from "node:worker_threads";
import { ChunkExpander, type LevelMessage } from "./expand.js";
import { isUserError, type Model, type ModelSource } from "./model.js";

export interface WorkerInit {
  readonly port: MessagePort;
  readonly signal: SharedArrayBuffer;
  readonly source: ModelSource;
  readonly symmetric: boolean;
}

type Incoming = LevelMessage | { readonly type: "exit" };

const init = workerData as WorkerInit;
const signal = new Int32Array(init.signal);

function send(message: unknown, transfer: ArrayBuffer[] = []): void {
  init.port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function fail(e: unknown): void {
  // A user error (bad input the model found, isUserError) travels as its one line, not a stack.
  if (isUserError(e)) send({ type: "error", message: e.message, userError: true, name: e.name });
  else send({ type: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}

try {
  const mod = (await import(init.source.module)) as Record<
    string,
    (...args: unknown[]) => Model<unknown, unknown> | Promise<Model<unknown, unknown>>
  >;
  const build = mod[init.source.exportName];
  if (typeof build !== "function") throw new Error(`${init.source.module} has no export ${init.source.exportName}`);
  const model = await build(...init.source.args);
  const expander = new ChunkExpander(model, init.symmetric);
  init.port.on("message", (m: Incoming) => {
    try {
      if (m.type === "level") {
        expander.startLevel(m);
        expander.drain((r) => send(r, [r.meta.buffer as ArrayBuffer, r.bytes.buffer as ArrayBuffer, r.fmeta.buffer as ArrayBuffer]));
      } else init.port.close();
    } catch (e) {
      fail(e);
    }
  });
  send({ type: "ready" });
} catch (e) {
  fail(e);
}
