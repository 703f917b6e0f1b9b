// A clone stands on its own: no file of the repository names the team's workshop folder
// beside the checkout, and no symbolic link leads out of the checkout. A user who runs
// `git clone`, `npm ci`, `npm test` has nothing beside it, so any such reference is either
// a broken link in the docs or a test that cannot run.
import { spawnSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = realpathSync(fileURLToPath(new URL("..", import.meta.url)));

// Built from pieces so that this file does not name it itself.
const WORKSHOP = [".", ".", "/", "shared"].join("");

/** Folders that are not the repository's own files: installed packages, build output, git's store. */
const NOT_OURS = new Set(["node_modules", "dist", ".git"]);

/**
 * The repository's files, relative to ROOT: what git tracks, or, where there is no git
 * (an unpacked tarball), every file outside NOT_OURS.
 */
function repositoryFiles(): string[] {
  const git = spawnSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" });
  const tracked = git.status === 0 ? git.stdout.split("\0").filter((f) => f !== "") : walk("");
  return tracked.filter((f) => !NOT_OURS.has(f.split("/")[0]));
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!NOT_OURS.has(entry.name)) out.push(...walk(rel));
    } else {
      out.push(rel);
    }
  }
  return out;
}

describe("the repository is self-contained", () => {
  const files = repositoryFiles();

  it("lists the repository's files", () => {
    // Guards the two checks below against passing on an empty list.
    expect(files).toContain("package.json");
    expect(files).toContain("README.md");
  });

  it(`no file names ${WORKSHOP}`, () => {
    const offenders: string[] = [];
    for (const f of files) {
      const path = join(ROOT, f);
      // A tracked file deleted in the working tree (mid-edit) has nothing to read.
      let body: string;
      try {
        if (lstatSync(path).isSymbolicLink()) continue;
        body = readFileSync(path, "utf8");
      } catch {
        continue;
      }
      body.split("\n").forEach((line, i) => {
        if (line.includes(WORKSHOP)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("no symbolic link leads outside the checkout", () => {
    const outside: string[] = [];
    for (const f of files) {
      const path = join(ROOT, f);
      try {
        if (!lstatSync(path).isSymbolicLink()) continue;
      } catch {
        continue;
      }
      let target: string;
      try {
        target = realpathSync(path);
      } catch {
        outside.push(`${f}: a link to nothing`);
        continue;
      }
      const rel = relative(ROOT, target);
      if (rel.startsWith("..") || rel.startsWith(sep)) outside.push(`${f} → ${target}`);
    }
    expect(outside).toEqual([]);
  });
});
