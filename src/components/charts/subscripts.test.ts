import { describe, expect, it } from 'vitest';
import { plainText, subscriptRuns } from './subscripts';

describe('subscripts in plain labels', () => {
  it('splits TeX-style subscripts into runs', () => {
    expect(subscriptRuns('ε_g at your γ')).toEqual([
      { text: 'ε', sub: false },
      { text: 'g', sub: true },
      { text: ' at your γ', sub: false },
    ]);
    expect(subscriptRuns('Q_{st} (source–target)').filter((r) => r.sub)).toEqual([{ text: 'st', sub: true }]);
    expect(
      subscriptRuns('transfer gain ε_scratch − ε_g')
        .filter((r) => r.sub)
        .map((r) => r.text),
    ).toEqual(['scratch', 'g']);
  });
  it('leaves text without subscripts alone', () => {
    expect(subscriptRuns('coupling γ')).toEqual([{ text: 'coupling γ', sub: false }]);
    expect(subscriptRuns('')).toEqual([{ text: '', sub: false }]);
  });
  it('reads without underscores once drawn', () => {
    expect(plainText('test error ε_g')).toBe('test error εg');
    expect(plainText('P_t (target examples)')).toBe('Pt (target examples)');
  });
});
