import { describe, expect, it } from 'vitest';
import { findChapter } from '../chapters';
import {
  exportBaseName,
  exportData,
  exportDataAsync,
  provenance,
  provenanceLines,
  toCsv,
  toCsvWithProvenance,
  toJson,
  type Provenance,
} from './export';
import { figureData, type FigureData } from './figureData';
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
    const p = {
      ...defaults(linear.schema),
      theta: 30,
      noise: 0.35,
      lam: 0.5,
      gamma: 1.25,
      d: 200,
      seeds: 3,
      steps: 1200,
    };
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

describe('export provenance', () => {
  const link = 'https://example.org/?chapter=linear&theta=30&points=exact';
  it('names every parameter, the preset, the seed with points, and the link', () => {
    const p = { ...defaults(linear.schema), theta: 30 };
    const prov = provenance(linear, curves, p, 4, link, { id: 'x', title: 'A preset' });
    expect(Object.keys(prov.params).sort()).toEqual(linear.schema.map((s) => s.name).sort());
    expect(prov.params.theta).toMatch(/^30/);
    expect(prov.changed).toEqual(['theta']);
    const lines = provenanceLines(prov);
    expect(lines[0]).toContain(linear.title);
    expect(lines).toContain('preset: A preset (x)');
    expect(lines).toContain('simulation seed: 4');
    expect(lines[lines.length - 1]).toBe(`link: ${link}`);
    expect(
      provenanceLines(provenance(linear, curves, p, undefined, link)).some((l) => l.startsWith('simulation seed')),
    ).toBe(false);
  });

  it('CSV: comment lines, then exactly the CLI table; JSON: the CLI object plus a provenance key', () => {
    const p = defaults(linear.schema);
    const d = exportData(linear, curves, p, curves.theory(p, curves.grid(p)), [], 1);
    const prov = provenance(linear, curves, p, undefined, link);
    const csv = toCsvWithProvenance(d, prov);
    const comments = csv.split('\n').filter((l) => l.startsWith('#'));
    expect(comments.length).toBe(provenanceLines(prov).length);
    expect(csv.replace(/^#.*\n/gm, '')).toBe(toCsv(d));
    const { provenance: back, ...rest } = JSON.parse(toJson(d, prov)) as FigureData & { provenance: Provenance };
    expect(rest).toEqual(JSON.parse(toJson(d)));
    expect(back).toEqual(prov);
  });

  it('evaluates instant theory at simulated x values that are off its grid', () => {
    const p = defaults(linear.schema);
    const theory = curves.theory(p, curves.grid(p));
    const off = 0.5 * (theory.x![3] + theory.x![4]);
    const pt = { series: 'sim:scratch', task: `gamma=${off}`, x: off, y: 0.4, err: 0.01, seeds: 2, target: 2 };
    const d = exportData(linear, curves, p, theory, [pt], 1);
    const i = d.x.values.indexOf(off);
    expect(i).toBeGreaterThan(0);
    const scratch = d.series.find((s) => s.id === 'theory:scratch')!;
    const direct = curves.theory(p, [off]).series!.find((s) => s.id === 'theory:scratch')!.y[0];
    expect(scratch.y[i]).toBe(direct);
  });
});

describe('export data of a slow (worker) theory', () => {
  it('asks for the theory at every simulated x off the grid, so no simulated value lacks its theory', async () => {
    // A worker-theory line figure: its theory is computed by `compute`, here the figure's own function.
    const slow = { ...curves, theoryCost: 'worker' as const };
    const p = defaults(linear.schema);
    const theory = curves.theory(p, curves.grid(p));
    const off = 0.4567;
    expect(theory.x).not.toContain(off);
    const pt = { series: 'sim:scratch', task: `x=${off}`, x: off, y: 0.5, err: 0.01, seeds: 3, target: 3 };
    const asked: number[][] = [];
    const d = await exportDataAsync(linear, slow, p, theory, [pt], 1, async (xs) => {
      asked.push(xs);
      return curves.theory(p, xs);
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(off);
    const row = d.x.values.indexOf(off);
    const scratch = d.series.find((s) => s.id === 'theory:scratch')!;
    expect(scratch.y[row]).toBeCloseTo(
      curves.theory(p, [off]).series!.find((s) => s.id === 'theory:scratch')!.y[0],
      12,
    );
    // Nothing to ask when every simulated x is on the grid.
    const onGrid = { ...pt, x: theory.x![3] };
    await exportDataAsync(linear, slow, p, theory, [onGrid], 1, async (xs) => {
      asked.push(xs);
      return curves.theory(p, xs);
    });
    expect(asked).toHaveLength(1);
  });
});
