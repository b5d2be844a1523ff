/**
 * Keys and JSON encoding of persisted theory results, shared by the app (IndexedDB,
 * shipped files) and the Node script that writes the shipped files.
 *
 * The key sorts parameter names so that the same values give the same key however
 * the parameter object was assembled (defaults, a preset, a link). JSON has no
 * NaN or ±Infinity, which theories return where a quantity is undefined: they are
 * written as the strings "NaN", "Infinity", "-Infinity" and read back as numbers.
 */
import type { TheoryResult } from '../../engine/core/chapter';
import type { Params } from '../../engine/core/schema';
import { findChapter } from '../../engine/chapters';
import { theoryInputs } from '../../engine/core/theoryInputs';

export function persistKey(chapter: string, fig: string, params: Params): string {
  // Keyed on what the theory reads (the figure's `theoryDeps`), so results are shared across sim-only settings.
  const inputs = theoryInputs(
    findChapter(chapter)?.figures.find((f) => f.id === fig),
    params,
  );
  return JSON.stringify([
    chapter,
    fig,
    Object.keys(inputs)
      .sort()
      .map((k) => [k, inputs[k]]),
  ]);
}

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/** A deep copy with non-finite numbers written as strings (JSON-safe). */
export function encodeNonFinite<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)),
  ) as T;
}

/**
 * Inverse of encodeNonFinite, in place. Only array elements and number-valued fields are encoded, so only those are
 * read back.
 */
export function decodeNonFinite<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && NON_FINITE.has(v)) return Number(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = walk(o[k]);
    }
    return v;
  };
  return walk(value) as T;
}

/** One shipped file (src/precomputed/<chapter>.json), written by scripts/ship-theory.ts. */
export interface ShippedFile {
  /**
   * The chapter's theory engine version (scripts/engineVersion.ts) that computed the results; the app uses them
   * only when it matches its own.
   */
  engine: string;
  chapter: string;
  results: { fig: string; params: Params; result: TheoryResult }[];
}
