/** The signals that stop a search, by the number the main thread stores in the shared flag. */
export const STOP_SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

export function signalName(n: number): string {
  return n === STOP_SIGNALS.SIGTERM ? "SIGTERM" : n === STOP_SIGNALS.SIGINT ? "SIGINT" : `signal ${n}`;
}
