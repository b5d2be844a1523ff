import { describe, expect, it } from 'vitest';
import { findChapter } from '../../engine/chapters';
import { defaults } from '../../engine/core/schema';
import { chartSummary, interpolate } from './summary';

const linear = findChapter('linear')!;
const fig = (id: string) => linear.figures.find((f) => f.id === id)!;

describe('chart summary', () => {
  it('interpolates on the theory grid', () => {
    expect(interpolate([0, 1, 2], [0, 10, 0], 0.5)).toBe(5);
    expect(Number.isNaN(interpolate([0, 1], [0, 1], 3))).toBe(true);
  });

  it('ranks the protocols at the reader’s x, in order', () => {
    const p = { ...defaults(linear.schema), gamma: 0.2, theta: 10 };
    const f = fig('curves');
    const text = chartSummary(f, f.theory(p, f.grid(p)), [], p);
    expect(text).toMatch(/^At γ = 0\.2 \(your value\) the theory puts (\S+ ?\S*) lowest/);
    const order = ['scratch', 'linear transfer', 'fine-tuning'].map((l) => text.indexOf(l));
    expect(order.every((i) => i >= 0)).toBe(true);
  });

  it('describes maps: range, share above the contour, the reader’s point', () => {
    const p = defaults(linear.schema);
    const f = fig('phase');
    const text = chartSummary(f, f.theory(p, f.grid(p)), [], p);
    expect(text).toMatch(/^Map of .+ from -?[\d.]+ to -?[\d.]+\. \d+% of the map lies above 0/);
    expect(text).toContain('At your point');
  });

  it('says when there is nothing to describe yet', () => {
    const f = fig('curves');
    expect(chartSummary(f, null, [], defaults(linear.schema))).toContain('being computed');
  });
});
