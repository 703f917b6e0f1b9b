/**
 * A history file read in chunks: `mirrorcheck history` never holds the whole file (a
 * 10-million-row export is over a gigabyte of text). Each iteration of the source opens the
 * file again and reads it from the start (the check reads it a second time only when
 * gprecoverseg -F renamed a dbid that earlier rows name).
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { HistorySource } from "./historyCheck.js";
import { historyRows } from "./historyFile.js";

/** The file's text, in pieces of about `chunkBytes` bytes (UTF-8 decoded across their boundaries). */
export function* fileChunks(path: string, chunkBytes = 1 << 20): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(chunkBytes);
    // Decoding as a stream keeps a character cut between two chunks whole; the BOM is kept for the CSV reader to skip.
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      yield decoder.decode(buf.subarray(0, n), { stream: true });
    }
    const rest = decoder.decode();
    if (rest !== "") yield rest;
  } finally {
    closeSync(fd);
  }
}

/** The rows of the history file at `path`, named `name` in messages, read anew on each iteration. */
export function historyFileSource(path: string, name = path, chunkBytes?: number): HistorySource {
  return { file: name, rows: () => historyRows(fileChunks(path, chunkBytes), name) };
}
