import { seriesId } from '../../engine/core/chapter';
import { lab } from 'd3';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../engine/chapters';
import { PROTOCOL_STYLE, seriesStyle, type SeriesStyle } from './styleMap';

const ready = chapters.filter((c) => c.status === 'ready');
const key = (s: SeriesStyle) =>
  `${s.color}|${s.dash}|${s.marker === undefined ? '' : String(PROTOCOL_MARKERS.indexOf(s.marker))}|${!!s.hollow}`;
const PROTOCOL_MARKERS = [...new Set(Object.values(PROTOCOL_STYLE).map((s) => s.marker))];

/** CIE76 colour difference ΔE (≈ 2: just noticeable; > 35: clearly different colours at a glance). */
function distance(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p.l - q.l, p.a - q.a, p.b - q.b);
}
const APART = 35;

describe('style map: one style per protocol and per concept', () => {
  it('lists every protocol of every chapter (no figure falls back to a computed style)', () => {
    for (const ch of ready)
      for (const f of ch.figures)
        for (const p of f.protocols)
          if (f.kind !== 'heatmap') expect(PROTOCOL_STYLE[p.id], `${ch.id}:${f.id}:${p.id}`).toBeDefined();
  });

  const sameEverywhere =
    'gives a protocol the same colour, dash and marker on every figure of its chapter, theory and simulation alike';
  it(sameEverywhere, () => {
    for (const ch of ready) {
      const seen = new Map<string, string>();
      for (const f of ch.figures) {
        for (const p of f.protocols) {
          const k = key(seriesStyle(seriesId('theory', p.id)));
          expect(key(seriesStyle(seriesId('sim', p.id))), `${ch.id}:${p.id}`).toBe(k);
          if (seen.has(p.id)) expect(k, `${ch.id}:${f.id}:${p.id}`).toBe(seen.get(p.id));
          seen.set(p.id, k);
        }
      }
    }
  });

  const apartInFigure =
    'keeps the protocols of one figure apart: a clearly different colour, ' +
    'or (variants of one concept) another marker and dash';
  it(apartInFigure, () => {
    for (const ch of ready)
      for (const f of ch.figures) {
        if (f.kind === 'heatmap') continue;
        const styles = f.protocols.map((p) => seriesStyle(p.id));
        expect(new Set(styles.map(key)).size, `${ch.id}:${f.id}`).toBe(styles.length);
        for (let i = 0; i < styles.length; i++)
          for (let j = i + 1; j < styles.length; j++) {
            const [a, b] = [styles[i], styles[j]];
            // Open vs filled is another marker.
            const markerDiffers = a.marker !== b.marker || !!a.hollow !== !!b.hollow;
            const apart = distance(a.color, b.color) > APART || (markerDiffers && a.dash !== b.dash);
            expect(apart, `${ch.id}:${f.id}: ${f.protocols[i].id} vs ${f.protocols[j].id}`).toBe(true);
          }
      }
  });

  it('draws one concept alike across chapters: scratch, transfer, fine-tuning, random features, infinite width', () => {
    const byId = new Map<string, Set<string>>();
    for (const ch of ready)
      for (const f of ch.figures)
        for (const p of f.protocols) {
          if (!byId.has(p.id)) byId.set(p.id, new Set());
          byId.get(p.id)!.add(key(seriesStyle(p.id)));
        }
    for (const id of ['scratch', 'transfer', 'finetune', 'random', 'infinite']) {
      expect(byId.get(id)?.size, id).toBe(1);
    }
    // Labels that name a concept get its colour, whatever the id; a variant ("fine-tuned, P_t/4 …") a shade of it.
    const concept: [RegExp, string][] = [
      [/^scratch/, seriesStyle('scratch').color],
      [/^(linear )?transfer(,| \(|$)/, seriesStyle('transfer').color],
      [/^fine-tun(ing|ed)(,| \(|$)/, seriesStyle('finetune').color],
      [/^random features/, seriesStyle('random').color],
    ];
    for (const ch of ready)
      for (const f of ch.figures)
        for (const p of f.protocols)
          for (const [re, color] of concept) {
            if (!re.test(p.label) || /→ ∞/.test(p.label)) continue;
            const c = seriesStyle(p.id).color;
            if (/,/.test(p.label))
              expect(distance(c, color), `${ch.id}:${f.id}: "${p.label}" is a shade of its concept`).toBeLessThan(
                APART,
              );
            else expect(c, `${ch.id}:${f.id}: "${p.label}"`).toBe(color);
          }
  });

  it('uses concept colours that cannot be confused (orange beside vermillion could)', () => {
    expect(distance('#E69F00', '#D55E00')).toBeLessThan(APART); // the pair the style map avoids
    const concepts = ['scratch', 'transfer', 'finetune', 'random', 'infinite', 'infinite_scratch'].map(
      (id) => seriesStyle(id).color,
    );
    for (let i = 0; i < concepts.length; i++)
      for (let j = i + 1; j < concepts.length; j++)
        expect(distance(concepts[i], concepts[j]), `${concepts[i]} vs ${concepts[j]}`).toBeGreaterThan(APART);
  });
});
