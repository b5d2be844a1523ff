/**
 * The theory results shipped with the app (src/precomputed/*.json) are what the
 * engine computes: same engine version, exactly the planned parameter sets, and
 * the same numbers when recomputed here in the script's order (a fresh process,
 * plan order: some solvers warm-start from the previous point). Tolerance 1e-9
 * relative (1e-12 absolute near zero): the recipe is repeated step for step, so
 * anything larger is a real difference, not rounding.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapters } from '../src/engine/chapters';
import { decodeNonFinite, encodeNonFinite, persistKey, type ShippedFile } from '../src/state/persist/codec';
import { shipPlan } from '../src/state/persist/shipPlan';
import { chapterVersion } from '../scripts/engineVersion';
import { shippedPath } from '../scripts/ship-theory';

const RTOL = 1e-9;
const ATOL = 1e-12;
const RERUN = 'run `npm run ship-theory` and commit src/precomputed/';

/** Every difference between two results beyond the tolerance, as paths (empty when they agree). */
function differences(a: unknown, b: unknown, path = 'result', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const same =
      (Number.isNaN(a) && Number.isNaN(b)) ||
      a === b ||
      Math.abs(a - b) <= Math.max(ATOL, RTOL * Math.max(Math.abs(a), Math.abs(b)));
    if (!same) out.push(`${path}: shipped ${a}, engine ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} vs ${b.length}`);
    else a.forEach((x, i) => differences(x, b[i], `${path}[${i}]`, out));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (a !== b) out.push(`${path}: shipped ${JSON.stringify(a)}, engine ${JSON.stringify(b)}`);
  return out;
}

for (const ch of chapters.filter((c) => shipPlan(c).length > 0)) {
  describe(`shipped theory: ${ch.id}`, () => {
    const path = shippedPath(ch.id);
    const version = chapterVersion(ch.id, 'theory');
    const read = () => JSON.parse(readFileSync(path, 'utf8')) as ShippedFile;

    it('exists and was computed by the current engine', () => {
      expect(existsSync(path), `${path} is missing: ${RERUN}`).toBe(true);
      expect(
        read().engine,
        `src/precomputed/${ch.id}.json is stale (computed by another version of the engine code this chapter ` +
          `uses): ${RERUN}`,
      ).toBe(version);
    });

    it('holds exactly the planned figures and parameters (default link, presets), in plan order', () => {
      const want = shipPlan(ch).map((e) => persistKey(ch.id, e.fig, e.params));
      const have = read().results.map((r) => persistKey(ch.id, r.fig, r.params));
      expect(have, `the chapter's defaults or presets changed: ${RERUN}`).toEqual(want);
    });

    it('recomputing every shipped result with the engine gives the same numbers', () => {
      const file = read();
      expect(file.engine, `stale file: ${RERUN}`).toBe(version);
      for (const r of file.results) {
        const fig = ch.figures.find((f) => f.id === r.fig)!;
        const engine = fig.theory(r.params, fig.grid(r.params));
        // Through JSON as the script writes it (drops undefined fields), then compared with the shipped numbers.
        const diffs = differences(decodeNonFinite(r.result), decodeNonFinite(encodeNonFinite(engine)));
        expect(diffs.slice(0, 5), `${ch.id}:${r.fig} ${JSON.stringify(r.params)}`).toEqual([]);
      }
    }, 600_000); // a few seconds of CPU per chapter, but the machine running the suite may be busy
  });
}
