/**
 * Theory results shipped with the app (src/precomputed/<chapter>.json, written by
 * scripts/ship-theory.ts): the default figures and the presets of the chapters
 * whose theory runs in the worker, so that a default or preset link draws its
 * exact curves without computing them. Each chapter's file is its own lazily
 * loaded chunk (not in the main bundle), fetched the first time that chapter asks.
 * A file computed by another engine version of its chapter is ignored.
 */
import type { TheoryResult } from '../../engine/core/chapter';
import { decodeNonFinite, persistKey, type ShippedFile } from './codec';
import type { VersionOf } from './idb';

export type ShippedLoader = (chapter: string) => Promise<ShippedFile | undefined>;

const files = import.meta.glob<ShippedFile>('../../precomputed/*.json', { import: 'default' });

/** The bundled files, by chapter id. */
const bundledShipped: ShippedLoader = async (chapter) => {
  const load = files[`../../precomputed/${chapter}.json`];
  return load ? load() : undefined;
};

/** Lookup of shipped results whose chapter's engine version matches (none without a version), one load per chapter. */
export function shippedResults(versionOf: VersionOf, load: ShippedLoader = bundledShipped) {
  const byChapter = new Map<string, Promise<Map<string, TheoryResult>>>();
  function index(chapter: string) {
    let p = byChapter.get(chapter);
    if (!p) {
      const version = versionOf(chapter);
      p = (version ? load(chapter) : Promise.resolve(undefined))
        .then((file) => {
          const m = new Map<string, TheoryResult>();
          if (!file || file.engine !== version || file.chapter !== chapter) return m;
          for (const r of file.results) m.set(persistKey(chapter, r.fig, r.params), r.result);
          return m;
        })
        .catch(() => new Map());
      byChapter.set(chapter, p);
    }
    return p;
  }
  return {
    /** A fresh copy each time (decoded from the file's JSON form), so a caller may keep or change it. */
    async get(chapter: string, key: string): Promise<TheoryResult | undefined> {
      const r = (await index(chapter)).get(key);
      return r ? decodeNonFinite(structuredClone(r)) : undefined;
    },
  };
}
