/**
 * Symmetry over contents (`--symmetry`, like TLC's SYMMETRY): contents are interchangeable
 * when no host placement tells them apart. Renaming content c to π(c) renames its dbids with
 * it (2+c → 2+π(c), 2+K+c → 2+K+π(c)) and the content and dbid of every txn committed on it;
 * txn ids are not renamed (they are ordered by `nextTxn`). Every guard, effect and property
 * treats contents alike (each quantifies over all of them or takes one as argument), so a
 * renamed reachable state is reachable and violates the same properties.
 *
 * `canonicalEncode` writes the encoding (codec.ts) of one fixed member of the state's orbit:
 * contents sorted by a signature that does not mention their index — the content's own bytes,
 * then (id, status, instance) of each txn committed on it. Two states get the same bytes
 * exactly when one is a renaming of the other: equal signatures mean equal fields and equal
 * txn sets, and since a txn belongs to one content only, two contents with equal signatures
 * have no txns at all and are identical, so the order between them does not matter.
 */
import { maxStateBytes, txnByte, writeContent } from "./codec.js";
import type { Config } from "./config.js";
import type { State } from "./state.js";

/** Why `--symmetry` is refused for a configuration, or null when contents are interchangeable. */
export function symmetryRefusal(cfg: Config): string | null {
  if (cfg.hosts !== null) {
    return "--symmetry cannot be used with --hosts: the placement puts each content's instances on particular hosts, so contents are not interchangeable";
  }
  return null;
}

/** A canonicaliser for one configuration; reuses its scratch buffers (not reentrant). */
export function contentSymmetry(cfg: Config): (s: State, out: Uint8Array) => number {
  const k = cfg.contents;
  const w = cfg.txns;
  // Per content: its signature (content bytes, then 2 bytes per txn on it) at c * stride.
  const stride = maxStateBytes(cfg);
  const sig = new Uint8Array(k * stride);
  const sigLen = new Int32Array(k);
  /** Byte length of the content part of each signature (where its txn part starts). */
  const contentLen = new Int32Array(k);
  const order = new Int32Array(k);
  const renamed = new Int32Array(k);

  function compare(a: number, b: number): number {
    const la = sigLen[a];
    const lb = sigLen[b];
    const oa = a * stride;
    const ob = b * stride;
    const n = la < lb ? la : lb;
    for (let i = 0; i < n; i++) {
      const d = sig[oa + i] - sig[ob + i];
      if (d !== 0) return d;
    }
    return la - lb;
  }

  return (s: State, out: Uint8Array): number => {
    const contents = s.contents;
    const txns = s.txns;
    for (let c = 0; c < k; c++) {
      const end = writeContent(contents[c], sig, c * stride);
      contentLen[c] = end - c * stride;
      sigLen[c] = contentLen[c];
      order[c] = c;
    }
    for (let t = 0; t < w; t++) {
      const txn = txns[t];
      if (txn.content === null) continue;
      const c = txn.content;
      const at = c * stride + sigLen[c];
      sig[at] = t + 1;
      sig[at + 1] = txnByte(cfg, txn, 0);
      sigLen[c] += 2;
    }
    // Insertion sort: K <= 8.
    for (let i = 1; i < k; i++) {
      const x = order[i];
      let j = i - 1;
      while (j >= 0 && compare(order[j], x) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    out[0] = s.faults;
    out[1] = s.nextTxn;
    let at = 2;
    for (let i = 0; i < k; i++) {
      const c = order[i];
      renamed[c] = i;
      for (let b = c * stride, end = b + contentLen[c]; b < end; b++) out[at++] = sig[b];
    }
    for (let t = 0; t < w; t++) {
      const txn = txns[t];
      out[at++] = txnByte(cfg, txn, txn.content === null ? 0 : renamed[txn.content]);
    }
    return at;
  };
}
