/**
 * Test helper: an in-memory array store that records every key put into it, for the tests of "trained (or sampled)
 * once, read back on a later visit" that each chapter with a persistent source network has.
 */
import { memoryArrayStore, type ArrayStore } from '../src/engine/core/arrayStore';

export function recordingStore(): { store: ArrayStore; spy: ArrayStore; puts: string[] } {
  const store = memoryArrayStore();
  const puts: string[] = [];
  const spy: ArrayStore = {
    get: (k) => store.get(k),
    put: (k, a) => {
      puts.push(k);
      return store.put(k, a);
    },
  };
  return { store, spy, puts };
}
