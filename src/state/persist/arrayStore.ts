/**
 * The training worker's ArrayStore (engine/core/arrayStore.ts): IndexedDB, keyed
 * by chapter, tfjs backend (weights trained on another backend differ in the last
 * bits, and a link must reproduce the same numbers on the same backend) and the
 * chapter's simulation engine version. Misses and failures read as undefined.
 */
import type { ArrayStore } from '../../engine/core/arrayStore';
import { idbStore } from './idb';
import { simVersion } from './version';

const arrays = idbStore<Float32Array[]>('arrays', simVersion);

export function persistentArrayStore(chapter: string, backend: () => string): ArrayStore {
  const full = (key: string) => JSON.stringify([chapter, backend(), key]);
  return {
    get: (key) => arrays.get(chapter, full(key)),
    put: (key, value) => arrays.put(chapter, full(key), value),
  };
}
