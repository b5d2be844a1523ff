/**
 * Exact theory results remembered per figure (a few KB each), most recently used last: the material the
 * stand-in blends are made of (core/theoryBlend.ts).
 */
import type { TheoryResult } from '../../engine/core/chapter';
import type { Params } from '../../engine/core/schema';
import type { KnownTheory } from '../../engine/core/theoryBlend';

/** Exact results remembered per figure. */
const KNOWN_PER_FIGURE = 200;

export function createKnownTheory(limit = KNOWN_PER_FIGURE) {
  const byFigure = new Map<string, Map<string, KnownTheory>>();
  return {
    remember(figKey: string, key: string, params: Params, result: TheoryResult) {
      let m = byFigure.get(figKey);
      if (!m) byFigure.set(figKey, (m = new Map<string, KnownTheory>()));
      m.delete(key);
      m.set(key, { params, result });
      if (m.size > limit) m.delete(m.keys().next().value!);
    },
    get: (figKey: string, key: string) => byFigure.get(figKey)?.get(key),
    has: (figKey: string, key: string) => !!byFigure.get(figKey)?.has(key),
    /** Every remembered result of a figure (for blending), or undefined when there is none. */
    list(figKey: string): KnownTheory[] | undefined {
      const m = byFigure.get(figKey);
      return m ? [...m.values()] : undefined;
    },
  };
}

export type KnownTheoryMemory = ReturnType<typeof createKnownTheory>;
