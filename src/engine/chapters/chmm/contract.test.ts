/**
 * The chapter contract as this chapter fills it in. Each figure's `theoryDeps` is what its `grid` and `theory`
 * read: theory caches, the shipped results and prefetch key on it, so a parameter left out must never change the
 * drawn theory. The theory is slow (a source network, Monte Carlo covariances), so it is called at a cheap point
 * (N = 20, 50 Adam steps, the analytic covariances); the finite-size figure at the defaults, where its grid holds
 * the shipped memo's sizes (its theory draws no curve).
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { defaults, type ParamSpec } from '../../core/schema';
import { FIG_FINITE, type ChmmParams } from './params';

const P0: ChmmParams = defaults(chapter.schema);
const CHEAP: ChmmParams = { ...P0, N: 20, steps: 50, cov: 'analytic' };
/** Where a figure's grid and theory are called. */
const pointOf = (figId: string): ChmmParams => (figId === FIG_FINITE ? P0 : CHEAP);

type Fig = (typeof chapter.figures)[number];

/**
 * The parameters `grid` and `theory` read: the params are a Proxy whose `get` records the key. A copy of them
 * (`{ ...p, dth: v }`, the gain and map figures' knob values) gets every key, which is not a read of each: the
 * language copies by asking for a key's descriptor and then its value, so a value asked for right after its own
 * descriptor is a copy and is not recorded (the copy's own reads are covered by the test below that moves the
 * other parameters).
 */
function recordReads(fig: Fig, p: ChmmParams): { read: Set<string>; copies: number } {
  const read = new Set<string>();
  let copies = 0;
  let described: string | symbol | undefined;
  const proxy = new Proxy(p, {
    getOwnPropertyDescriptor(target, key) {
      described = key;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    get(target, key, receiver) {
      if (key === described) copies++;
      else if (typeof key === 'string') read.add(key);
      described = undefined;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  fig.theory(proxy, fig.grid(proxy));
  return { read, copies };
}

/** Other valid values, cheap at the test's point: every option of a choice; two values of a number. */
function otherValues(spec: ParamSpec): (number | string)[] {
  if (spec.kind === 'choice') return spec.options.map((o) => o.value);
  // The input dimension and the Adam steps set the cost of the source network: small moves only.
  if (spec.name === 'N') return [24, 30];
  if (spec.name === 'steps') return [60, 80];
  const inside = spec.min + Math.round((0.37 * (spec.max - spec.min)) / spec.step) * spec.step;
  return [spec.min, spec.integer ? Math.round(inside) : inside];
}

const drawn = (fig: Fig, p: ChmmParams) => {
  const grid = fig.grid(p);
  return { grid, theory: fig.theory(p, grid) };
};

describe('chmm: the chapter contract', () => {
  for (const fig of chapter.figures) {
    const deps = new Set<string>(fig.theoryDeps);

    it(`${fig.id}: grid and theory read only its theoryDeps (${fig.theoryDeps?.join(', ')})`, () => {
      expect(fig.theoryDeps).toBeDefined();
      // Every knob for the figures that sweep one: each has its own grid and reads its own value.
      const knobs = fig.theoryDeps?.includes('knob') ? (['dF', 'dth', 'fsub', 'dD'] as const) : [P0.knob];
      for (const knob of knobs) {
        const { read } = recordReads(fig, { ...pointOf(fig.id), knob });
        expect(
          [...read].filter((k) => !deps.has(k)),
          `${fig.id}, knob ${knob}`,
        ).toEqual([]);
        // The recorder sees the theory's reads: the readout loss always, the reader's α where the theory uses it.
        expect(read.has('readout'), fig.id).toBe(true);
        expect(read.has('alpha'), fig.id).toBe(true);
      }
    });

    it(`${fig.id}: no parameter outside theoryDeps changes its grid or theory`, () => {
      const base = pointOf(fig.id);
      const ref = drawn(fig, base);
      let moved = 0;
      for (const spec of chapter.schema) {
        if (deps.has(spec.name)) continue;
        for (const v of otherValues(spec)) {
          if (v === base[spec.name]) continue;
          expect(drawn(fig, { ...base, [spec.name]: v }), `${spec.name} = ${v}`).toEqual(ref);
          moved++;
        }
      }
      expect(moved).toBeGreaterThan(0);
    });

    it(`${fig.id}: every parameter in theoryDeps changes its grid or theory`, () => {
      const base = pointOf(fig.id);
      const ref = drawn(fig, base);
      for (const name of deps) {
        const spec = chapter.schema.find((s) => s.name === name)!;
        const changes = otherValues(spec).some(
          (v) => v !== base[spec.name] && !isDeepStrictEqual(drawn(fig, { ...base, [name]: v }), ref),
        );
        expect(changes, name).toBe(true);
      }
    });
  }

  it('the reader’s own position is one reader mark in each figure with theory curves, at the slider values', () => {
    const p: ChmmParams = { ...CHEAP, alpha: 2, dth: 0.3, knob: 'dth' };
    for (const fig of chapter.figures) {
      const readerMarks = (fig.theory(p, fig.grid(p)).marks ?? []).filter((m) => 'reader' in m && m.reader);
      expect(readerMarks.length, fig.id).toBe(fig.id === FIG_FINITE ? 0 : 1);
      for (const m of readerMarks) expect(m.label, fig.id).toMatch(/^your /);
    }
    const at = (id: string) => chapter.figures.find((f) => f.id === id)!;
    const marks = (id: string) => at(id).theory(p, at(id).grid(p)).marks;
    expect(marks('curves')).toContainEqual(expect.objectContaining({ kind: 'vline', x: 2, reader: true }));
    expect(marks('gain')).toContainEqual(expect.objectContaining({ kind: 'vline', x: 0.3, reader: true }));
    expect(marks('map')).toContainEqual(expect.objectContaining({ kind: 'point', x: 2, y: 0.3, reader: true }));
  });
});
