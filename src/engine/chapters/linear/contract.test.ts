/**
 * The chapter contract as this chapter fills it in: each figure's `theoryDeps` really are all its theory reads,
 * per-task series belong to their tasks, and the reader's own position is flagged on the marks.
 */
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { defaults, type ParamSpec } from '../../core/schema';
import type { LinearParams } from './params';

const P0: LinearParams = defaults(chapter.schema);
const bases: [string, LinearParams][] = [
  ['defaults', P0],
  ...chapter.presets.map((pr): [string, LinearParams] => [`preset ${pr.id}`, { ...P0, ...pr.params }]),
];

/** Valid values to move a parameter to: every option of a choice; min, max and a middle step of a number. */
function otherValues(spec: ParamSpec): (number | string)[] {
  if (spec.kind === 'choice') return spec.options.map((o) => o.value);
  const inside = spec.min + Math.round((0.37 * (spec.max - spec.min)) / spec.step) * spec.step;
  return [spec.min, spec.max, spec.integer ? Math.round(inside) : inside];
}

describe('linear: the chapter contract', () => {
  it('moving a parameter outside a figure’s theoryDeps leaves theory(p, grid(p)) exactly as it was', () => {
    let moved = 0;
    for (const fig of chapter.figures) {
      const deps: readonly string[] = fig.theoryDeps ?? [];
      expect(fig.theoryDeps, fig.id).toBeDefined();
      for (const [name, base] of bases) {
        const before = fig.theory(base, fig.grid(base));
        for (const spec of chapter.schema) {
          if (deps.includes(spec.name)) continue;
          for (const v of otherValues(spec)) {
            if (v === base[spec.name]) continue;
            const p = { ...base, [spec.name]: v };
            expect(fig.theory(p, fig.grid(p)), `${fig.id} at ${name}, ${spec.name} = ${v}`).toStrictEqual(before);
            moved++;
          }
        }
      }
    }
    expect(moved).toBeGreaterThan(100);
  });

  it('theoryDeps name schema parameters only, never a simulation-only knob (points, steps, seeds)', () => {
    const names: string[] = chapter.schema.map((s) => s.name);
    for (const fig of chapter.figures) {
      for (const dep of fig.theoryDeps ?? []) expect(names, `${fig.id}: ${dep}`).toContain(dep);
      for (const knob of ['points', 'steps', 'seeds']) expect(fig.theoryDeps, fig.id).not.toContain(knob);
    }
  });

  it(
    'each divergence task feeds the two series of its own teacher family (trained fine-tuning of a rescaled ' +
      'teacher: its own (L15) series), with finite values there',
    () => {
      const div = chapter.figures.find((f) => f.id === 'divergence')!;
      const sample = { scratch: 0.5, transfer: 0.2, finetune: 0.1 };
      const protocols = div.protocols.map((p) => p.id);
      for (const points of ['gd', 'exact'] as const) {
        const tasks = div.simTasks!({ ...P0, points });
        expect(tasks.length).toBe(8);
        for (const task of tasks) {
          const mine = div.simSeries!.filter((s) => !s.appliesTo || s.appliesTo(task.params));
          const family = task.key.split('|')[0];
          const ft = family === 'rescaled' && points === 'gd' ? 'finetune_rescaled_gd' : `finetune_${family}`;
          expect(mine.map((s) => s.id).sort(), `${points} ${task.key}`).toEqual([
            `sim:${ft}`,
            `sim:transfer_${family}`,
          ]);
          for (const s of mine) {
            expect(Number.isFinite(s.y(sample, task.params)), `${s.id} at ${task.key}`).toBe(true);
            // Paired with the theory line of the same protocol (scripts/agreement.ts, the charts' styles).
            expect(protocols, s.id).toContain(s.id.slice('sim:'.length));
          }
        }
      }
    },
  );

  it('the reader’s own position is a reader mark in every figure, at the slider values', () => {
    const p: LinearParams = { ...P0, theta: 40, gamma: 0.8, t: 1.5 };
    for (const fig of chapter.figures) {
      const readerMarks = (fig.theory(p, fig.grid(p)).marks ?? []).filter((m) => 'reader' in m && m.reader);
      expect(readerMarks.length, fig.id).toBe(1);
      expect(readerMarks[0].label, fig.id).toMatch(/^your /);
    }
    const curves = chapter.figures.find((f) => f.id === 'curves')!;
    expect(curves.theory(p, curves.grid(p)).marks).toContainEqual(expect.objectContaining({ x: 0.8, reader: true }));
    const phase = chapter.figures.find((f) => f.id === 'phase')!;
    expect(phase.theory(p, phase.grid(p)).marks).toContainEqual(
      expect.objectContaining({ x: 40, y: 0.8, reader: true }),
    );
  });
});
