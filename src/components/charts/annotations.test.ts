import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../engine/core/chapter';
import { placeLabels, wrapLabel } from './annotations';
import { LINE_EM, TEXT, textWidth } from './theme';

const W = 400;
const H = 240;
const FONT = 13;
const x = scaleLinear().domain([0, 2]).range([0, W]);
const y = scaleLinear().domain([0, 1]).range([H, 0]);
const px = TEXT.annotation * FONT;

function boxes(marks: Mark[], data: [number, number][] = []) {
  return placeLabels(marks, x, y, W, H, FONT, data).map((l) => ({
    label: l.mark.label,
    x0: l.x0,
    y0: l.y0,
    x1: l.x0 + Math.max(...l.lines.map((s) => textWidth(s, px))),
    y1: l.y0 + l.lines.length * LINE_EM * px,
  }));
}

describe('annotation labels', () => {
  it('never overlap and stay inside the plot, even for lines close together near the edge', () => {
    const marks: Mark[] = [
      { kind: 'vline', x: 0.5, label: 'your γ' },
      { kind: 'vline', x: 0.55, label: 'scratch catches up with transfer' },
      { kind: 'vline', x: 1.95, label: 'another line at the edge' },
      { kind: 'hline', y: 0.5, label: 'no gain' },
      { kind: 'xband', x0: 1.6, x1: 2, label: 'theory: transfer worse than random features' },
    ];
    const b = boxes(marks);
    expect(b).toHaveLength(marks.length);
    for (const r of b) expect(r.x0 >= 0 && r.y0 >= 0 && r.x1 <= W && r.y1 <= H, r.label).toBe(true);
    for (let i = 0; i < b.length; i++)
      for (let j = i + 1; j < b.length; j++) {
        const [p, q] = [b[i], b[j]];
        expect(p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1, `${p.label} / ${q.label}`).toBe(false);
      }
  });

  it('moves a label off the drawn data when there is room', () => {
    const mark: Mark = { kind: 'vline', x: 1, label: 'your α' };
    const [first] = boxes([mark]);
    // A curve running through where the label would go first.
    const data: [number, number][] = [];
    for (let px2 = first.x0 - 5; px2 <= first.x1 + 5; px2 += 2) data.push([px2, (first.y0 + first.y1) / 2]);
    const [moved] = boxes([mark], data);
    expect(data.some(([dx, dy]) => dx >= moved.x0 && dx <= moved.x1 && dy >= moved.y0 && dy <= moved.y1)).toBe(false);
  });

  it('wraps a label wider than the plot', () => {
    const lines = wrapLabel(
      'finite size: at d = 50 the mean error of scratch and fine-tuning lies more than 0.02 above the lines here',
      px,
      200,
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, px)).toBeLessThanOrEqual(200);
  });
});
