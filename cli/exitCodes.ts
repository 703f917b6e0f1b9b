/** Exit codes a CI can act on. */
export const EXIT = {
  /** Every property holds and every expected witness was reached. */
  pass: 0,
  /** A property is violated, or an expected witness was never reached. */
  violation: 1,
  /** Bad input or usage: a one-line message on stderr. */
  usage: 2,
  /** A bound (--max-states, --max-depth) stopped the run before it was complete. */
  incomplete: 3,
} as const;
