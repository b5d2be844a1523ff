/**
 * Factories for the schema entries that have the same kind in several chapters: a simulation count (an integer
 * knob of how much is simulated: steps, samples, test-set size, input dimension) and the seeds per simulated point,
 * the one parameter the simulation runner reads by name (core/simRunner.ts `seedCount`). An entry still states its
 * own name, values, label and description; the factory fixes only what makes it that kind.
 */
import type { NumberParam } from './schema';

/** The fields a simulation count states; `range` is [min, max, step]. */
type CountSpec = Omit<NumberParam, 'kind' | 'name' | 'min' | 'max' | 'step' | 'integer' | 'group'> & {
  range: readonly [min: number, max: number, step: number];
};

/** An integer simulation knob: it changes how a figure is simulated, never the task (group 'simulation'). */
export function simCount<const N extends string>(
  name: N,
  { range: [min, max, step], ...rest }: CountSpec,
): NumberParam & { kind: 'number'; name: N } {
  return { kind: 'number', name, ...rest, min, max, step, integer: true, group: 'simulation' };
}

/** Independent seeds averaged per simulated point: error bars are standard errors over them. */
export function seedsParam(spec: {
  label?: string;
  max: number;
  default: number;
  description: string;
}): NumberParam & { kind: 'number'; name: 'seeds' } {
  const { label = 'seeds per point', max, default: fallback, description } = spec;
  return simCount('seeds', { label, range: [1, max, 1], default: fallback, description });
}
