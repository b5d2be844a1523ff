import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { chapters } from '../src/engine/chapters';
import { parseSeriesId, RESERVED_KEYS, seriesId } from '../src/engine/core/chapter';
import {
  checkSchema,
  coerceParams,
  defaults,
  fromSlider,
  nonDefault,
  parseStrict,
  toSlider,
  type NumberParam,
  type ParamsOf,
  type Schema,
} from '../src/engine/core/schema';

const schema: Schema = [
  { kind: 'number', name: 'gamma', label: 'ratio', min: 0.05, max: 2, step: 0.01, default: 0.5, description: 'd' },
  {
    kind: 'number',
    name: 'alpha',
    label: 'log ratio',
    min: 0.1,
    max: 100,
    step: 0.01,
    log: true,
    default: 1,
    description: 'd',
  },
  { kind: 'number', name: 'L', label: 'depth', min: 2, max: 5, step: 1, integer: true, default: 2, description: 'd' },
  {
    kind: 'choice',
    name: 'mode',
    label: 'mode',
    options: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
    default: 'a',
    description: 'd',
  },
];

describe('URL parsing (lenient)', () => {
  it('keeps valid values, clamps out-of-range ones with a notice, replaces garbage with the default', () => {
    const { params, notices } = coerceParams(schema, { gamma: '1.25', alpha: '1e5', L: '3.4', mode: 'b' });
    expect(params).toEqual({ gamma: 1.25, alpha: 100, L: 3, mode: 'b' });
    expect(notices.map((n) => n.param).sort()).toEqual(['L', 'alpha']);
    const bad = coerceParams(schema, {
      gamma: 'NaN',
      alpha: 'Infinity',
      L: '<script>alert(1)</script>',
      mode: 'zzz',
      foo: '1',
    });
    expect(bad.params).toEqual(defaults(schema));
    expect(bad.notices).toHaveLength(5);
    expect(bad.notices.find((n) => n.param === 'L')!.text).toContain('is not a number');
    expect(bad.notices.find((n) => n.param === 'foo')!.text).toContain('unknown');
  });

  it('ignores reserved keys silently', () => {
    expect(coerceParams(schema, { chapter: 'linear', seed: '3' }, { reservedKeys: RESERVED_KEYS }).notices).toEqual([]);
  });

  it('fuzz: any strings give in-range finite values and never throw', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('gamma', 'alpha', 'L', 'mode', 'x', '__proto__'), fc.string()),
        (raw) => {
          const { params } = coerceParams(schema, raw);
          for (const p of schema) {
            const v = params[p.name];
            if (p.kind === 'number') {
              expect(typeof v).toBe('number');
              expect(Number.isFinite(v)).toBe(true);
              expect(v as number).toBeGreaterThanOrEqual(p.min);
              expect(v as number).toBeLessThanOrEqual(p.max);
            } else expect(p.options.map((o) => o.value)).toContain(v);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('fuzz: numbers round-trip through the URL form exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 2, noNaN: true }), (g) => {
        const url = nonDefault(schema, { ...defaults(schema), gamma: g });
        expect(coerceParams(schema, url).params.gamma).toBe(g);
      }),
    );
  });
});

describe('CLI parsing (strict)', () => {
  it('rejects out-of-range, malformed and unknown arguments naming the parameter and its range', () => {
    const { errors } = parseStrict(schema, { gamma: '5', L: 'two', mode: 'c', nope: '1' });
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/--gamma.*0\.05 … 2/);
    expect(errors[1]).toMatch(/--L.*not a number/);
    expect(errors[2]).toMatch(/--mode.*a\|b/);
    expect(errors[3]).toMatch(/unknown parameter --nope/);
    expect(parseStrict(schema, { gamma: '1.5' })).toEqual({
      params: { ...defaults(schema), gamma: 1.5 },
      errors: [],
      notes: [],
    });
  });

  it('fuzz: any flag values either parse to in-range values or give one error per flag, naming it', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('gamma', 'alpha', 'L', 'mode', 'nope', '__proto__', 'constructor'),
          fc.oneof(fc.string(), fc.double().map(String)),
        ),
        (raw) => {
          const { params, errors } = parseStrict(schema, raw);
          expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
          const keys = Object.keys(raw);
          // Nothing is clamped or dropped: a flag either sets its value exactly or is an error.
          for (const k of keys) {
            const spec = schema.find((p) => p.name === k);
            const named = errors.filter((e) => e.includes(`--${k}`));
            if (!spec) expect(named).toHaveLength(1);
            else if (named.length === 0)
              expect(String(params[k])).toBe(spec.kind === 'choice' ? raw[k].trim() : String(Number(raw[k].trim())));
          }
          expect(errors.length).toBeLessThanOrEqual(keys.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('former parameter names (aliases)', () => {
  const renamed: Schema = [
    {
      kind: 'number',
      name: 'nTest',
      label: 'test samples',
      min: 10,
      max: 1000,
      step: 10,
      integer: true,
      default: 100,
      description: 'd',
      aliases: ['ntest'],
    },
    {
      kind: 'number',
      name: 'noise',
      label: 'label noise',
      min: 0,
      max: 1,
      step: 0.01,
      default: 0,
      description: 'd',
      aliases: ['eta', 'sigma'],
    },
  ];

  it('a link with an old name reads as the new one, with a notice', () => {
    const { params, notices } = coerceParams(renamed, { ntest: '200', sigma: '0.3' });
    expect(params).toEqual({ nTest: 200, noise: 0.3 });
    expect(notices.map((n) => n.text)).toEqual([
      '"ntest" is now called "nTest"; read as nTest.',
      '"sigma" is now called "noise"; read as noise.',
    ]);
  });

  it('the CLI accepts an old name with a note, and refuses one parameter given under two names', () => {
    expect(parseStrict(renamed, { eta: '0.5' })).toEqual({
      params: { nTest: 100, noise: 0.5 },
      errors: [],
      notes: ['--eta is now called --noise'],
    });
    expect(parseStrict(renamed, { noise: '0.1', eta: '0.5' }).errors).toEqual([
      '--noise: given twice (as --noise and --eta)',
    ]);
  });

  it('schema checks cover aliases: unique across names and aliases, not reserved', () => {
    expect(checkSchema(renamed, RESERVED_KEYS)).toEqual([]);
    expect(checkSchema([...renamed, { ...renamed[1], name: 'eta', aliases: [] }], RESERVED_KEYS)).toContain(
      'eta: duplicate',
    );
    expect(checkSchema([{ ...renamed[0], aliases: ['seed'] }], RESERVED_KEYS)).toContain('seed: reserved URL key');
  });
});

describe('sliders', () => {
  it('map positions to values monotonically, log params on a log scale, within range', () => {
    const alpha = schema[1] as NumberParam;
    expect(fromSlider(alpha, 0)).toBe(0.1);
    expect(fromSlider(alpha, 1000)).toBe(100);
    expect(fromSlider(alpha, 500)).toBeCloseTo(Math.sqrt(0.1 * 100), 1);
    let last = -Infinity;
    for (let pos = 0; pos <= 1000; pos += 50) {
      const v = fromSlider(schema[0] as NumberParam, pos);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
    expect(toSlider(schema[0] as NumberParam, 0.5)).toBe(Math.round(((0.5 - 0.05) / 1.95) * 1000));
  });
});

describe('every registered chapter', () => {
  it('has a sound schema that avoids reserved URL keys, and figures with ids, captions and theory', () => {
    for (const ch of chapters) {
      expect(checkSchema(ch.schema, RESERVED_KEYS), ch.id).toEqual([]);
      if (ch.status !== 'ready') continue;
      expect(ch.figures.length).toBeGreaterThan(0);
      for (const f of ch.figures) {
        expect(f.caption.length).toBeGreaterThan(40);
        for (const spec of ch.schema)
          for (const id of spec.usedBy ?? [])
            expect(
              ch.figures.some((g) => g.id === id),
              `${ch.id}: ${spec.name} is used by a missing figure ${id}`,
            ).toBe(true);
      }
      for (const pr of ch.presets) {
        expect(
          ch.figures.some((f) => f.id === pr.fig),
          `${ch.id} preset ${pr.id}`,
        ).toBe(true);
        const { notices } = coerceParams(
          ch.schema,
          Object.fromEntries(Object.entries(pr.params).map(([k, v]) => [k, String(v)])),
        );
        expect(notices, `${ch.id} preset ${pr.id}`).toEqual([]);
      }
    }
  });
});

describe('the typed contract', () => {
  const typed = [
    { kind: 'number', name: 'gamma', label: 'g', min: 0, max: 1, step: 0.1, default: 0.5, description: 'd' },
    {
      kind: 'choice',
      name: 'mode',
      label: 'm',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
      default: 'a',
      description: 'd',
    },
  ] as const satisfies Schema;

  it('types each parameter by its schema entry (checked by `npm run typecheck`)', () => {
    expectTypeOf<ParamsOf<typeof typed>>().toEqualTypeOf<{ gamma: number; mode: 'a' | 'b' }>();
    const p = defaults(typed);
    expectTypeOf(p).toEqualTypeOf<ParamsOf<typeof typed>>();
    expect(p.gamma * 2).toBe(1);
    expect(p.mode).toBe('a');
  });

  it('builds and reads series ids one way', () => {
    expect(seriesId('theory', 'transfer')).toBe('theory:transfer');
    expect(parseSeriesId('sim:fine-tune')).toEqual({ kind: 'sim', protocol: 'fine-tune' });
    expect(parseSeriesId('theory:a:b')).toEqual({ kind: 'theory', protocol: 'a:b' });
    expect(parseSeriesId('transfer')).toBeUndefined();
    expect(parseSeriesId('sim:')).toBeUndefined();
  });
});
