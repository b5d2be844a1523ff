import { describe, expect, it } from 'vitest';
import { chapters, findChapter } from '../engine/chapters';
import {
  checkGuide,
  findEntry,
  glossaryOf,
  plainSymbol,
  splitSymbols,
  splitSliders,
  stepFigure,
} from '../engine/core/guide';
import { readStep, stepMoved, stepTarget, tourSteps } from './tour';
import { readUrl, writeUrl } from './url';

const ready = chapters.filter((c) => c.status === 'ready');

describe('guides', () => {
  it('every ready chapter has a 3–5 step tour whose presets, figures and sliders exist', () => {
    for (const ch of ready) {
      expect(ch.guide, ch.id).toBeDefined();
      expect(checkGuide(ch)).toEqual([]);
      for (const s of tourSteps(ch)) expect(ch.figures.map((f) => f.id)).toContain(stepFigure(ch, s));
    }
  });

  it('every figure names 1–4 primary sliders, and the rest fold under "more" without losing one', () => {
    for (const ch of ready)
      for (const f of ch.figures) {
        const { primary, more } = splitSliders(ch, f.id);
        expect(primary.length, `${ch.id}:${f.id}`).toBeGreaterThan(0);
        expect(primary.length, `${ch.id}:${f.id}`).toBeLessThanOrEqual(4);
        const all = ch.schema.filter((p) => !p.usedBy || p.usedBy.includes(f.id)).map((p) => p.name);
        expect([...primary, ...more].sort()).toEqual([...all].sort());
      }
  });

  it('every symbol on a slider or axis has a glossary entry with a meaning', () => {
    for (const ch of ready) {
      const g = glossaryOf(ch);
      for (const s of ch.schema)
        if (s.kind === 'number' && s.symbol) expect(findEntry(g, s.symbol)?.meaning, `${ch.id}.${s.name}`).toBeTruthy();
      for (const f of ch.figures)
        for (const ax of [f.x, f.y])
          if (ax.symbol) expect(findEntry(g, ax.symbol), `${ch.id}:${f.id} ${ax.symbol}`).toBeDefined();
    }
  });

  it('parameter entries carry unit and range from the schema', () => {
    const ch = findChapter('linear')!;
    const theta = findEntry(glossaryOf(ch), '\\theta')!;
    expect(theta.unit).toBe('°');
    expect(theta.range).toBe('0 … 90');
    expect(theta.meaning).toMatch(/^Source–target angle\./);
  });
});

describe('symbols in labels', () => {
  const entries = glossaryOf(findChapter('proportional')!);
  it('plain spelling of TeX symbols', () => {
    expect(plainSymbol('\\delta_\\theta')).toBe('δ_θ');
    expect(plainSymbol('Q_{st}')).toBe('Q_st');
    expect(plainSymbol('f_{\\rm sub}')).toBe('f_sub');
  });
  it('splits a readout label into text and symbols, not inside longer names', () => {
    const parts = splitSymbols('ε_g at your γ', entries);
    expect(parts.filter((p) => typeof p !== 'string').map((p) => (p as { tex: string }).tex)).toEqual([
      '\\varepsilon_g',
      '\\gamma',
    ]);
    expect(
      splitSymbols('Q_st at your N₁', entries)
        .filter((p) => typeof p !== 'string')
        .map((p) => (p as { tex: string }).tex),
    ).toEqual(['Q_{st}', 'N_1']);
    expect(
      splitSymbols('Pₜ (target examples)', entries)
        .filter((p) => typeof p !== 'string')
        .map((p) => (p as { tex: string }).tex),
    ).toEqual(['P_t']);
    expect(splitSymbols('gamma_s', entries)).toEqual(['gamma_s']);
  });
});

describe('step= links', () => {
  const ch = findChapter('linear')!;
  it('applies the step preset and figure, and keeps the step for the link', () => {
    const { state, notices } = readUrl('?chapter=linear&step=4');
    expect(notices).toEqual([]);
    expect(state.step).toBe(4);
    expect(state.fig).toBe('phase');
    expect(state.params.protocol).toBe('finetune');
    expect(writeUrl(state)).toMatch(/^\?chapter=linear&step=4&fig=phase&/);
  });
  it('a parameter in the link wins over the step, and counts as moved', () => {
    const { state } = readUrl('?chapter=linear&step=1&theta=45');
    expect(state.params.noise).toBe(0);
    expect(state.params.theta).toBe(45);
    expect(stepMoved(ch, tourSteps(ch)[0], state.params)).toBe(true);
    expect(stepMoved(ch, tourSteps(ch)[0], stepTarget(ch, tourSteps(ch)[0]).params)).toBe(false);
  });
  it('a bad step is reported and ignored', () => {
    for (const raw of ['0', '9', 'x', '1.5']) {
      const r = readStep(ch, raw, {}, {}, false);
      expect(r.step).toBeNull();
      expect(r.notices[0].param).toBe('step');
    }
  });
});

describe('what the linear tour says is what its chart shows', () => {
  const ch = findChapter('linear')!;
  const at = (n: number, over: Record<string, number> = {}) => {
    const t = stepTarget(ch, tourSteps(ch)[n - 1]);
    const fig = ch.figures.find((f) => f.id === t.fig)!;
    const p = { ...t.params, ...over };
    return fig.theory(p, fig.grid(p));
  };
  const cross = (r: ReturnType<typeof at>) =>
    r.marks!.find((m) => m.kind === 'vline' && m.label.startsWith('scratch catches up'))! as { x: number };
  it('step 1: the crossover sits at cos²θ (0.85 at 22.5°, 0.5 at 45°; grid spacing 0.02)', () => {
    expect(cross(at(1)).x).toBeCloseTo(Math.cos(Math.PI / 8) ** 2, 1);
    expect(Math.abs(cross(at(1, { theta: 45 })).x - 0.5)).toBeLessThan(0.02);
  });
  it('step 2: with noise scratch peaks at γ = 1 and linear transfer stays below it', () => {
    const r = at(2);
    const xs = r.x!;
    const scratch = r.series!.find((s) => s.id === 'theory:scratch')!.y;
    const iMax = scratch.indexOf(Math.max(...scratch.filter(Number.isFinite)));
    expect(Math.abs(xs[iMax] - 1)).toBeLessThan(0.05);
    expect(Math.max(...r.series!.find((s) => s.id === 'theory:transfer')!.y)).toBeLessThan(scratch[iMax] / 10);
  });
  it('step 4: fine-tuning helps below θ = 60° at every γ < 1 and equals scratch beyond γ = 1', () => {
    const h = at(4).heatmap!;
    const spacing = h.xs[1] - h.xs[0];
    for (let i = 0; i < h.ys.length; i++) {
      const row = h.z[i];
      if (h.ys[i] < 0.95) {
        const j = row.findIndex((z) => z <= 0);
        expect(Math.abs(h.xs[j] - 60), `γ = ${h.ys[i]}`).toBeLessThanOrEqual(spacing);
      } else if (h.ys[i] > 1.05) for (const z of row) expect(Math.abs(z)).toBeLessThan(1e-9);
    }
  });
  it('step 5: distance 1 both ways, T ≈ −0.21 rotated and ≈ 2 rescaled, same KL', () => {
    // Readouts found by what they say (their exact wording belongs to the chapter and may change).
    const read = (r: ReturnType<typeof at>, re: RegExp) => r.readouts!.find((x) => re.test(x.label))!.value;
    const DIST = /^your ‖b/;
    const T_LT = /(^T |transferability).*linear transfer/;
    const rotated = at(5);
    const rescaled = at(5, { theta: 0, t: 2 });
    expect(read(rotated, DIST)).toBeCloseTo(1, 6);
    expect(read(rescaled, DIST)).toBeCloseTo(1, 6);
    expect(read(rotated, T_LT)).toBeCloseTo(-0.21, 2);
    expect(read(rescaled, T_LT)).toBeCloseTo(2, 1);
    expect(read(rotated, /^KL/)).toBeCloseTo(read(rescaled, /^KL/), 6);
  });
});
