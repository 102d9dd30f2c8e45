/** Runs a function when the browser is idle (what is loaded ahead waits for it); returns a function that cancels it. */
export type Idle = (run: () => void) => () => void;

/** requestIdleCallback where there is one (a deadline so a busy page still gets it), else a timer. */
export const whenBrowserIdle: Idle = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 1_000);
  return () => clearTimeout(id);
};
