/** The README's library example is the file the package test runs, word for word. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const read = (p: string) => readFileSync(fileURLToPath(new URL(`../${p}`, import.meta.url)), "utf8");

it("README's 'Using it from a test suite' code is examples/library/check-in-ci.test.ts", () => {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("## Using it from a test suite"));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const file = read("examples/library/check-in-ci.test.ts");
  expect(block.trim()).toBe(file.slice(file.indexOf("import { mkdirSync")).trim());
});
