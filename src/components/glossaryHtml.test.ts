import { describe, expect, it } from 'vitest';
import { chapters } from '../engine/chapters';
import { glossaryOf } from '../engine/core/guide';
import { matchTerm } from './glossaryHtml';

const gloss = (id: string) => glossaryOf(chapters.find((c) => c.id === id)!);

describe('matchTerm: which formulas in prose are glossary terms', () => {
  const prop = gloss('proportional');
  const linear = gloss('linear');
  const depth = gloss('depth');

  it('a formula that is a symbol, however its braces are written', () => {
    expect(matchTerm('\\gamma', prop)).toMatchObject({ symbol: '\\gamma', rest: '', entry: { tex: '\\gamma' } });
    expect(matchTerm(' Q_{st} ', prop)?.entry.tex).toBe('Q_{st}');
    expect(matchTerm('N_{1}', prop)?.entry.tex).toBe('N_1');
    expect(matchTerm('\\mathcal T', linear)?.entry.tex).toBe('\\mathcal{T}');
  });

  it('a formula that starts with a symbol and a relation: the symbol, and the rest typeset after it', () => {
    expect(matchTerm('\\gamma = 10^{-3}', prop)).toMatchObject({ symbol: '\\gamma', rest: '= 10^{-3}' });
    expect(matchTerm('N_1 \\to \\infty', prop)).toMatchObject({ symbol: 'N_1', rest: '\\to \\infty' });
    expect(matchTerm('\\theta < 60°', linear)).toMatchObject({ symbol: '\\theta', rest: '< 60°' });
    expect(matchTerm('k \\ge 1', depth)).toMatchObject({ symbol: 'k', rest: '\\ge 1' });
  });

  it('anything else stays plain typesetting', () => {
    expect(matchTerm('W_t', prop)).toBeUndefined(); // no entry (the source's Wₛ has one)
    expect(matchTerm('\\kappa = P/N_1', prop)).toBeUndefined(); // κ is not a symbol of this chapter
    expect(matchTerm('P_t/4', depth)).toBeUndefined(); // an expression, not the symbol
    expect(matchTerm('\\lambda_0, \\lambda_1', prop)).toBeUndefined();
    expect(matchTerm('\\gamma', [])).toBeUndefined();
    // The relation must follow the symbol itself, not an expression that contains one.
    expect(matchTerm('\\eta(\\lambda_0 + \\gamma) = 0.5', prop)).toBeUndefined();
  });
});
