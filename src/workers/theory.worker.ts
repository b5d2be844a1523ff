/** Theory worker: evaluates figures whose theory is too slow for the main thread (theoryCost 'worker'). */
import * as Comlink from 'comlink';
import { chapters } from '../engine/chapters';
import type { TheoryResult } from '../engine/core/chapter';
import type { Params } from '../engine/core/schema';

const api = {
  /** The figure's theory on its own grid, or on `xs` (an export asks for the grid plus every simulated x). */
  compute(chapter: string, fig: string, params: Params, xs?: number[]): TheoryResult {
    const f = chapters.find((c) => c.id === chapter)?.figures.find((g) => g.id === fig);
    if (!f) return { notices: [`unknown figure ${chapter}:${fig}`] };
    return f.theory(params, xs ?? f.grid(params));
  },
};
export type TheoryApi = typeof api;
Comlink.expose(api);
