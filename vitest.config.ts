import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    // vitest's default leaves one core idle; on the 2-core CI machine that doubles the wall
    // time of a suite whose files are each one long single-threaded search.
    maxWorkers: 2,
  },
});
