/**
 * A figure whose last exact computation took longer than SLOW_MS is not started
 * until the parameters have been still for QUIET_MS: the worker cannot be
 * interrupted, so a computation started in the middle of a drag is wasted and
 * delays the one for where the thumb stops (by up to its whole duration).
 * Slider input events come at least every ~30 ms during a drag or a key repeat.
 */
const SLOW_MS = 150;
const QUIET_MS = 80;

/** Remembers each figure's last computation time and when the parameters last moved. */
export function createQuietGate(onQuiet: () => void) {
  let lastChange = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cost = new Map<string, number>();
  return {
    /** The parameters changed now. */
    moved() {
      lastChange = performance.now();
    },
    /** How long the figure's exact computation just took. */
    took(figKey: string, ms: number) {
      cost.set(figKey, ms);
    },
    /** Whether a slow figure should wait for the thumb to be still (`onQuiet` is called when it is). */
    shouldWait(figKey: string): boolean {
      const still = performance.now() - lastChange;
      if ((cost.get(figKey) ?? 0) <= SLOW_MS || still >= QUIET_MS) return false;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        onQuiet();
      }, QUIET_MS - still);
      return true;
    },
  };
}
