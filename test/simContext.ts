/**
 * Test helper: the context the simulation runner gives a chapter's sim (core/chapter.ts `SimContext`), built by hand
 * so a test can call `sim.run` directly: seeded streams keyed like the runner's, a fresh cache unless one is given,
 * and a checkpoint that throws `Cancelled` after `cancelAfter` calls (to test cancellation mid-run).
 */
import { Cancelled, type SimCache, type SimContext } from '../src/engine/core/chapter';
import { makeRng } from '../src/engine/core/rng';
import { makeSimCache } from '../src/engine/core/simRunner';

export function testContext(
  chapter: string,
  seed: number,
  { cache = makeSimCache(), cancelAfter = Infinity }: { cache?: SimCache; cancelAfter?: number } = {},
): SimContext {
  let calls = 0;
  return {
    rng: (...k) => makeRng(chapter, seed, ...k),
    checkpoint: async () => {
      if (++calls > cancelAfter) throw new Cancelled();
    },
    progress: () => {},
    cache,
    notice: () => {},
  };
}
