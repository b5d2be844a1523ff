/**
 * The chapter contract (src/engine/core/chapter.ts), checked on every registered chapter: what the types cannot
 * say. Series ids name a protocol of their figure; every figure declares the parameters its theory reads, and those
 * are real parameters; heatmaps have a colour scale; each figure has sliders, chosen one way (the schema's
 * `usedBy`), and every preset only sets parameters its figure shows or simulation knobs. Each chapter's own
 * contract test (`chapters/<id>/contract.test.ts` or `theoryDeps.test.ts`) checks that its theoryDeps are exact
 * (moving any other parameter leaves grid and theory identical) and where its reader's marker is.
 */
import { describe, expect, it } from 'vitest';
import { chapters } from '../src/engine/chapters';
import { parseSeriesId, type Chapter, type Figure } from '../src/engine/core/chapter';
import { visibleParams } from '../src/engine/core/guide';
import { defaults, type Params } from '../src/engine/core/schema';

const ready = chapters.filter((c) => c.status === 'ready');

function protocolsOf(fig: Figure): string[] {
  return fig.protocols.map((p) => p.id);
}

function checkIds(fig: Figure, ids: string[], kind: 'theory' | 'sim') {
  for (const id of ids) {
    const parsed = parseSeriesId(id);
    expect(parsed?.kind, `${fig.id}: ${id}`).toBe(kind);
    expect(protocolsOf(fig), `${fig.id}: ${id}`).toContain(parsed?.protocol);
  }
}

describe.each(ready.map((c) => [c.id, c] as [string, Chapter]))('chapter contract: %s', (_id, ch) => {
  const names = ch.schema.map((s) => s.name);
  const base: Params = defaults(ch.schema);

  it('declares the theory dependencies of every figure, all of them parameters, never the seed count', () => {
    for (const fig of ch.figures) {
      expect(fig.theoryDeps, `${fig.id} has no theoryDeps`).toBeDefined();
      for (const d of fig.theoryDeps ?? []) expect(names, `${fig.id}: ${d}`).toContain(d);
      expect(fig.theoryDeps, fig.id).not.toContain('seeds');
    }
  });

  it('names a protocol of its figure in every series id', () => {
    for (const fig of ch.figures) {
      checkIds(
        fig,
        (fig.simSeries ?? []).map((s) => s.id),
        'sim',
      );
      if (fig.theoryCost !== 'instant') continue;
      const th = fig.theory(base, fig.grid(base));
      checkIds(
        fig,
        (th.series ?? []).map((s) => s.id),
        'theory',
      );
    }
  });

  it('gives heatmaps a colour scale and every figure its sliders, from the schema alone', () => {
    for (const fig of ch.figures) {
      if (fig.kind === 'heatmap') expect(fig.z.domain[0]).toBeLessThan(fig.z.domain[1]);
      expect(visibleParams(ch, fig.id).length, fig.id).toBeGreaterThan(0);
      expect('params' in fig, `${fig.id} declares its own slider list`).toBe(false);
    }
    for (const pr of ch.presets) {
      const shown = visibleParams(ch, pr.fig);
      for (const k of Object.keys(pr.params)) {
        const spec = ch.schema.find((s) => s.name === k);
        expect(spec, `${pr.id}: ${k}`).toBeDefined();
        if (spec?.group !== 'simulation') expect(shown, `${pr.id}: ${k} has no slider on ${pr.fig}`).toContain(k);
      }
    }
  });
});
