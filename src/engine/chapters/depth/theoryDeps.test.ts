/**
 * Each figure's `theoryDeps` is what its `grid` and `theory` read: theory caches, shipped results and prefetch key on
 * it, so a parameter left out must never change the drawn theory, and a parameter put in should (else it recomputes
 * the theory for nothing).
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaults, type ParamSpec, type Schema } from '../../core/schema';
import { figures } from './figures';
import { schema, type DepthParams } from './params';
import { presets } from './presets';

const P0: DepthParams = defaults(schema);
const specs: Schema = schema;
/** Starting points: the defaults and every preset. */
const bases: [string, DepthParams][] = [
  ['defaults', P0],
  ...presets.map((p): [string, DepthParams] => [p.id, { ...P0, ...p.params }]),
];

/** Other valid values of a parameter: every option of a choice; min, max and a middle value of a number. */
function otherValues(spec: ParamSpec): (number | string)[] {
  if (spec.kind === 'choice') return spec.options.map((o) => o.value);
  const mid = (spec.min + spec.max) / 2;
  return [spec.min, spec.max, spec.integer ? Math.round(mid) : mid];
}

const drawn = (f: (typeof figures)[number], p: DepthParams) => {
  const grid = f.grid(p);
  return { grid, theory: f.theory(p, grid) };
};

describe('depth: theory dependencies', () => {
  for (const f of figures) {
    const deps = new Set<string>(f.theoryDeps);

    it(`${f.id}: declares its dependencies (${f.theoryDeps?.join(', ')})`, () => {
      expect(f.theoryDeps).toBeDefined();
    });

    it(`${f.id}: no parameter outside theoryDeps changes its grid or theory`, () => {
      for (const [at, base] of bases) {
        const ref = drawn(f, base);
        for (const spec of specs) {
          if (deps.has(spec.name)) continue;
          for (const v of otherValues(spec))
            expect(drawn(f, { ...base, [spec.name]: v }), `${at}: ${spec.name} = ${v}`).toEqual(ref);
        }
      }
    });

    it(`${f.id}: every parameter in theoryDeps changes its grid or theory somewhere`, () => {
      for (const name of deps) {
        const spec = specs.find((s) => s.name === name)!;
        const changes = bases.some(([, base]) =>
          otherValues(spec).some((v) => !isDeepStrictEqual(drawn(f, { ...base, [name]: v }), drawn(f, base))),
        );
        expect(changes, name).toBe(true);
      }
    });
  }
});
