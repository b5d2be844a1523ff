/**
 * A persistent, asynchronous key → Float32Array[] store for work that outlives a
 * run: trained source networks, above all (chmm's at N = 200 takes about a minute
 * to train). A sim reaches it as `ctx.store` (core/chapter.ts), when the runner was
 * given one: the training worker gives an IndexedDB store (src/state/persist/
 * arrayStore.ts) namespaced by chapter, backend and the chapter's engine version, so
 * a key only has to name what the arrays depend on (sizes, seed, steps, …). It is
 * optional: tests and the CLI may run without one, or with the in-memory store
 * below. `get` answers undefined on any miss or failure; `put` never throws.
 *
 * Use it under the in-memory `ctx.cache`, e.g.
 *   const key = `source|N=${N}|seed=${seed}`;
 *   const arrays = ctx.cache.get<Float32Array[]>(key) ?? (await ctx.store?.get(key)) ?? train();
 *   ctx.cache.set(key, arrays); void ctx.store?.put(key, arrays);
 * and keep what is stored free of anything but numbers (no tensors: read them
 * back with `await t.data()` first).
 */
export interface ArrayStore {
  get(key: string): Promise<Float32Array[] | undefined>;
  put(key: string, arrays: Float32Array[]): Promise<void>;
}

/** In memory, least recently used first out (Node: tests, the CLI). Copies in and out, as IndexedDB does. */
export function memoryArrayStore(capacity = 32): ArrayStore {
  const entries = new Map<string, Float32Array[]>();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return Promise.resolve(undefined);
      entries.delete(key);
      entries.set(key, e);
      return Promise.resolve(e.map((a) => a.slice()));
    },
    put(key, arrays) {
      entries.delete(key);
      entries.set(
        key,
        arrays.map((a) => a.slice()),
      );
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return Promise.resolve();
    },
  };
}
