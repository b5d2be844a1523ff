import { describe, expect, it } from 'vitest';
import { findChapter } from '../chapters';
import { exportBaseName, exportData, toJson } from './export';
import { figureData } from './figureData';
import { defaults } from './schema';

const linear = findChapter('linear')!;
const curves = linear.figures.find((f) => f.id === 'curves')!;

describe('export file names', () => {
  it('name chapter, figure and only the non-default parameters', () => {
    const p = { ...defaults(linear.schema), theta: 30 };
    expect(exportBaseName(linear, curves, p)).toBe('linear-curves-theta_30');
    expect(exportBaseName(linear, curves, defaults(linear.schema))).toBe('linear-curves');
    expect(exportBaseName(linear, curves, p, 7)).toBe('linear-curves-theta_30-seed_7');
  });

  it('are safe on every file system and bounded in length', () => {
    const p = { ...defaults(linear.schema), theta: 30, sigma: 0.35, lam: 0.5, gamma: 1.25, d: 200, seeds: 3, steps: 1200 };
    const name = exportBaseName(linear, { ...curves, id: 'a/b c' }, p, 123456);
    expect(name).toMatch(/^[A-Za-z0-9._+-]+$/);
    expect(name.length).toBeLessThanOrEqual(124);
  });
});

describe('export data', () => {
  it('is figureData of theory + points, seed only with points, JSON as the CLI prints it', () => {
    const p = defaults(linear.schema);
    const theory = curves.theory(p, curves.grid(p));
    const d = exportData(linear, curves, p, theory, [], 5);
    expect(d).toEqual(figureData(linear, curves, p, theory, []));
    expect(d.seed).toBeUndefined();
    expect(toJson(d)).toBe(`${JSON.stringify(d)}\n`);
    const pt = { series: 'sim:scratch', task: 'gamma=0.5', x: 0.5, y: 0.4, err: 0.01, seeds: 2, target: 2 };
    expect(exportData(linear, curves, p, theory, [pt], 5).seed).toBe(5);
  });
});
