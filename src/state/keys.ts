/** Keys identifying results: the same key means the same numbers (same link, same backend). */
import type { Params } from '../engine/core/schema';
import { findChapter } from '../engine/chapters';
import { theoryInputs } from '../engine/core/theoryInputs';

/** The figure's theory key: only the parameters its theory reads (`theoryDeps`), so a sim-only slider reuses it. */
export function theoryKey(chapter: string, fig: string, params: Params): string {
  const figure = findChapter(chapter)?.figures.find((f) => f.id === fig);
  return JSON.stringify([chapter, fig, theoryInputs(figure, params)]);
}

export function runKey(chapter: string, fig: string, params: Params, seed: number, backend: string): string {
  return JSON.stringify([chapter, fig, params, seed, backend]);
}
