/**
 * An empty project that depends on the packed package, as a user's would: `npm pack`, then
 * `npm install` of the tarball. Nothing is downloaded: the package's dependencies are
 * installed from this repository's node_modules (file: specs with --install-links, so npm
 * copies them as it would registry tarballs), and the tools the project runs (vitest,
 * typescript, @types/node) are linked in after the install, which would otherwise remove them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface Consumer {
  readonly dir: string;
  readonly tarball: string;
  /** Files in the tarball, relative to the package root. */
  readonly files: readonly PackedFile[];
}

/** The environment for child processes: not the npm script's or vitest's own settings. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("npm_") && !k.startsWith("VITEST") && k !== "NODE_OPTIONS"),
  );
}

function dependenciesOf(root: string, name: string): Record<string, string> {
  const dir = name === "" ? root : join(root, "node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  return pkg.dependencies ?? {};
}

/** The package's runtime dependencies and theirs, all hoisted in `root`/node_modules (npm's flat layout). */
function runtimeClosure(root: string): string[] {
  const seen = new Set<string>();
  const todo = Object.keys(dependenciesOf(root, ""));
  while (todo.length > 0) {
    const name = todo.pop() as string;
    if (seen.has(name)) continue;
    if (!existsSync(join(root, "node_modules", name, "package.json"))) {
      throw new Error(`${name} is not installed at the top of ${root}/node_modules; run npm ci`);
    }
    seen.add(name);
    todo.push(...Object.keys(dependenciesOf(root, name)));
  }
  return [...seen].sort();
}

const TOOLS = ["vitest", "typescript", "@types/node"] as const;

export function createConsumer(root: string): Consumer {
  const work = mkdtempSync(join(tmpdir(), "mirrorcheck-pack-"));
  const env = cleanEnv();
  // --ignore-scripts: `npm test` has just built dist/ (prepare would build it a second time).
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, env, encoding: "utf8" }),
  ) as { filename: string; files: PackedFile[] }[];
  const tarball = join(work, packed[0].filename);

  const dir = join(work, "consumer");
  execFileSync("mkdir", [dir]);
  const deps: Record<string, string> = { mirrorcheck: `file:${tarball}` };
  for (const name of runtimeClosure(root)) deps[name] = `file:${join(root, "node_modules", name)}`;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: deps }, null, 2));
  execFileSync(
    "npm",
    ["install", "--offline", "--install-links", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock"],
    { cwd: dir, env, encoding: "utf8" },
  );
  execFileSync("mkdir", ["-p", join(dir, "node_modules", "@types")]);
  for (const tool of TOOLS) symlinkSync(join(root, "node_modules", tool), join(dir, "node_modules", tool), "dir");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2023"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          strict: true,
          noEmit: true,
          // Check the shipped .d.ts files too: a declaration that names a type the package
          // does not ship (a devDependency's, a file left out of "files") fails here.
          skipLibCheck: false,
        },
        include: ["*.ts"],
      },
      null,
      2,
    ),
  );
  return { dir, tarball, files: packed[0].files };
}
