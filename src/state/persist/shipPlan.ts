/**
 * Which theory results ship with the app (scripts/ship-theory.ts writes them,
 * test/shipped.test.ts recomputes them): for every chapter, each figure whose
 * theory runs in the worker at the default parameters (the default link and its
 * figure tabs), and every preset on such a figure with the parameters a preset
 * link gives it. Instant figures are drawn on the main thread within a frame and
 * gain nothing from shipping.
 */
import type { Chapter } from '../../engine/core/chapter';
import { defaults, type Params } from '../../engine/core/schema';
import { presetParams } from '../presets';
import { persistKey } from './codec';

export function shipPlan(ch: Chapter): { fig: string; params: Params }[] {
  if (ch.status !== 'ready') return [];
  const slow = (fig: string) => ch.figures.find((f) => f.id === fig)?.theoryCost === 'worker';
  const plan = [
    ...ch.figures.filter((f) => slow(f.id)).map((f) => ({ fig: f.id, params: defaults(ch.schema) })),
    ...ch.presets.filter((p) => slow(p.fig)).map((p) => ({ fig: p.fig, params: presetParams(ch, p, {}) })),
  ];
  const seen = new Set<string>();
  return plan.filter((e) => {
    const k = persistKey(ch.id, e.fig, e.params);
    return !seen.has(k) && !!seen.add(k);
  });
}
