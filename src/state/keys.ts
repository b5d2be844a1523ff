/** Keys identifying results: the same key means the same numbers (same link, same backend). */
import type { Params } from '../engine/core/schema';

export function theoryKey(chapter: string, fig: string, params: Params): string {
  return JSON.stringify([chapter, fig, params]);
}

export function runKey(chapter: string, fig: string, params: Params, seed: number, backend: string): string {
  return JSON.stringify([chapter, fig, params, seed, backend]);
}
