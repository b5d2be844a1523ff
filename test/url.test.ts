import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chapters } from '../src/engine/chapters';
import { RESERVED_KEYS } from '../src/engine/core/chapter';
import { defaults } from '../src/engine/core/schema';
import { readUrl, writeUrl } from '../src/state/url';

const linear = chapters.find((c) => c.id === 'linear')!;
const params = (search: string) => readUrl(search).state.params;
const noticesAbout = (search: string, key: string) => readUrl(search).notices.filter((n) => n.param === key);

describe('reading a link: one rule for every key', () => {
  it('a repeated key: the last one wins, with a notice, for parameters and app keys alike', () => {
    const r = readUrl('?chapter=linear&theta=10&theta=30');
    expect(r.state.params.theta).toBe(30);
    expect(noticesAbout('?chapter=linear&theta=10&theta=30', 'theta')[0].text).toMatch(/2 times.*last one \("30"\)/);
    expect(readUrl('?chapter=chmm&chapter=linear').state.chapter?.id).toBe('linear');
    expect(noticesAbout('?chapter=chmm&chapter=linear', 'chapter')).toHaveLength(1);
    expect(readUrl('?chapter=linear&fig=curves&fig=phase').state.fig).toBe('phase');
    expect(readUrl('?chapter=linear&seed=3&seed=7').state.seed).toBe(7);
    expect(readUrl('?chapter=linear&embed=0&embed=1').state.embed).toBe(true);
    // The link is rewritten to what it now means: one value per key.
    expect(readUrl('?chapter=linear&theta=10&seed=2&theta=30').rewrite).toBe('?chapter=linear&theta=30&seed=2');
    expect(readUrl('?chapter=linear&theta=30').rewrite).toBeUndefined();
  });

  it('reports unknown keys and bad values of every app key, never silently', () => {
    const cases: [string, string][] = [
      ['?chapter=linear&view=galery', 'view'],
      ['?view=thumbnails', 'view'],
      ['?chapter=linear&fig=nope', 'fig'],
      ['?chapter=linear&preset=nope', 'preset'],
      ['?chapter=linear&backend=tpu', 'backend'],
      ['?chapter=linear&seed=-1', 'seed'],
      ['?chapter=linear&step=99', 'step'],
      ['?chapter=linear&__proto__=1', '__proto__'],
      ['?__proto__=1', '__proto__'],
      ['?chapter=linear&constructor=1', 'constructor'],
      ['?theta=30', 'theta'],
      ['?chapter=nope', 'chapter'],
      ['?chapter=linear&big=maybe', 'big'],
    ];
    for (const [search, key] of cases) expect(noticesAbout(search, key), search).toHaveLength(1);
    // `__proto__` neither changes the parameters' prototype nor any value.
    const p = params('?chapter=linear&__proto__=1&theta=30');
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(p).toEqual({ ...defaults(linear.schema), theta: 30 });
  });

  it('app keys and a link the app itself wrote give no notice', () => {
    const search =
      '?chapter=linear&fig=phase&theta=30&seed=4&embed=1&controls=0&autorun=0&big=1&backend=wasm&view=gallery';
    expect(readUrl(search).notices).toEqual([]);
    const { state } = readUrl('?chapter=linear&theta=30&gamma=1.2&seed=9');
    expect(readUrl(writeUrl(state)).notices).toEqual([]);
    for (const k of RESERVED_KEYS)
      expect(readUrl(`?chapter=linear&${k}=`).notices.every((n) => n.param === k)).toBe(true);
  });

  it('fuzz: any query string reads without throwing, to valid values, with at most a notice per problem', () => {
    const keys = fc.constantFrom(
      'chapter',
      'fig',
      'seed',
      'view',
      'preset',
      'backend',
      'step',
      'embed',
      'theta',
      'gamma',
      '__proto__',
      'constructor',
      'toString',
      'x',
      '',
    );
    const values = fc.oneof(
      fc.constantFrom('linear', 'chmm', 'depth', 'proportional', 'gallery', 'phase', '1', '0', '-1', '1e309', 'NaN'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 12 }), (pairs) => {
        const search = `?${new URLSearchParams(pairs).toString()}`;
        const { state, notices, rewrite } = readUrl(search);
        expect(Number.isInteger(state.seed) && state.seed >= 0).toBe(true);
        if (state.chapter) {
          expect(state.chapter.figures.some((f) => f.id === state.fig)).toBe(true);
          for (const spec of state.chapter.schema) {
            const v = state.params[spec.name];
            if (spec.kind === 'number')
              expect(Number.isFinite(v) && (v as number) >= spec.min && (v as number) <= spec.max).toBe(true);
            else expect(spec.options.some((o) => o.value === v)).toBe(true);
          }
        }
        // A repeated key is always reported, and the rewritten link reads back to the same state without repeats.
        const repeated = new Set(pairs.map(([k]) => k).filter((k, i, all) => all.indexOf(k) !== i));
        for (const k of repeated)
          expect(notices.some((n) => n.param === k && /times in the link/.test(n.text))).toBe(true);
        if (rewrite !== undefined) {
          const again = readUrl(rewrite);
          expect(again.state.params).toEqual(state.params);
          expect(again.state.seed).toBe(state.seed);
          expect(again.rewrite).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a renamed parameter: the old name is read as the new one, with a notice, and the link is rewritten', () => {
    const r = readUrl('?chapter=chmm&ntest=500&eta=0.1&alpha=2');
    expect(r.state.params).toMatchObject({ nTest: 500, noise: 0.1, alpha: 2 });
    expect(r.notices.map((n) => n.text)).toEqual([
      '"ntest" is now called "nTest"; the link has been updated.',
      '"eta" is now called "noise"; the link has been updated.',
    ]);
    expect(r.rewrite).toBe('?chapter=chmm&nTest=500&noise=0.1&alpha=2');
    expect(readUrl(r.rewrite!).notices).toEqual([]);
    // Old and new name together: one parameter given twice, the last one wins.
    const both = readUrl('?chapter=linear&noise=0.3&sigma=0.5');
    expect(both.state.params.noise).toBe(0.5);
    expect(both.notices.some((n) => n.param === 'noise' && /2 times/.test(n.text))).toBe(true);
    expect(both.rewrite).toBe('?chapter=linear&noise=0.5');
  });
});
