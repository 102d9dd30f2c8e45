/** Runs a function when the browser is idle (what is loaded ahead waits for it); returns a function that cancels it. */
export type Idle = (run: () => void) => () => void;

/** requestIdleCallback where there is one (a deadline, 5 s unless given, so a busy page still gets it), else a timer. */
export const whenBrowserIdle = (run: () => void, deadlineMs = 5_000): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: deadlineMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, Math.min(1_000, deadlineMs));
  return () => clearTimeout(id);
};
