/**
 * Presets as parameter sets. A preset fixes the model (every model knob not
 * named in it goes back to its default) but keeps the reader's simulation
 * settings (dimension, steps, seeds …) unless it names them: those are the
 * reader's compute budget, not part of the paper figure.
 */
import type { Chapter, Preset } from '../engine/core/chapter';
import { defaults, sanitize, type Params } from '../engine/core/schema';

export function presetParams(ch: Chapter, preset: Preset, current: Params = {}): Params {
  const keep = Object.fromEntries(
    ch.schema.filter((s) => s.group === 'simulation' && s.name in current).map((s) => [s.name, current[s.name]]),
  );
  return sanitize(ch.schema, { ...defaults(ch.schema), ...keep, ...preset.params });
}

/** The preset the reader is looking at (same figure, same parameters), if any. */
export function matchingPreset(ch: Chapter, fig: string, params: Params): Preset | undefined {
  return ch.presets.find((p) => {
    if (p.fig !== fig) return false;
    const want = presetParams(ch, p, params);
    return ch.schema.every((s) => want[s.name] === params[s.name]);
  });
}

export function findPreset(ch: Chapter, id: string | null | undefined): Preset | undefined {
  return ch.presets.find((p) => p.id === id);
}
