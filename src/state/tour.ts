/**
 * The guided tour as view state: `step=<n>` in the link (1-based) applies step
 * n of the chapter's guide (its preset, or its figure and parameters) and shows
 * its text. Like `preset=`, parameters also given in the link win, so a link to
 * a step with a moved slider reproduces exactly what the reader saw.
 */
import type { Chapter } from '../engine/core/chapter';
import type { TourStep } from '../engine/core/guide';
import { defaults, sanitize, shorten, type Notice, type Params } from '../engine/core/schema';
import { findPreset, presetParams } from './presets';

export function tourSteps(ch: Chapter | null): TourStep[] {
  return ch?.guide?.steps ?? [];
}

/** The figure and parameters a step shows, keeping the reader's simulation settings (as a preset does). */
export function stepTarget(ch: Chapter, step: TourStep, current: Params = {}): { fig: string; params: Params } {
  const preset = step.preset !== undefined ? findPreset(ch, step.preset) : undefined;
  if (preset)
    return {
      fig: preset.fig,
      params: sanitize(ch.schema, { ...presetParams(ch, preset, current), ...(step.params ?? {}) }),
    };
  const keep = Object.fromEntries(
    ch.schema.filter((s) => s.group === 'simulation' && s.name in current).map((s) => [s.name, current[s.name]]),
  );
  const fig = ch.figures.some((f) => f.id === step.fig) ? (step.fig as string) : ch.figures[0].id;
  return { fig, params: sanitize(ch.schema, { ...defaults(ch.schema), ...keep, ...(step.params ?? {}) }) };
}

/**
 * Read `step=<n>` for a chapter. `params` are the link's parameters so far, `given` the raw query (the keys
 * present in the link win over the step's values), `figGiven` whether the link names a figure.
 */
export function readStep(
  ch: Chapter,
  raw: string | null,
  params: Params,
  given: Record<string, string>,
  figGiven: boolean,
): { step: number | null; params: Params; fig?: string; notices: Notice[] } {
  if (raw === null) return { step: null, params, notices: [] };
  const steps = tourSteps(ch);
  const n = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(n >= 1 && n <= steps.length)) {
    const range = steps.length ? `1 … ${steps.length}` : 'none (this chapter has no tour)';
    return {
      step: null,
      params,
      notices: [
        {
          level: 'warning',
          text: `"step" must be a tour step, ${range} (got "${shorten(raw)}"); showing the link's own figure.`,
          param: 'step',
        },
      ],
    };
  }
  const target = stepTarget(ch, steps[n - 1], params);
  const linked = Object.fromEntries(Object.entries(params).filter(([k]) => k in given));
  return { step: n, params: { ...target.params, ...linked }, fig: figGiven ? undefined : target.fig, notices: [] };
}

/** The link to step n (what the tour's step buttons point at, and what a lecturer copies). */
export function stepHref(ch: Chapter, n: number, embed = false): string {
  return `?chapter=${encodeURIComponent(ch.id)}&step=${n}${embed ? '&embed=1' : ''}`;
}

/** Whether the reader has moved the step's slider away from where the step put it. */
export function stepMoved(ch: Chapter, step: TourStep, params: Params): boolean {
  return stepTarget(ch, step, params).params[step.move] !== params[step.move];
}
