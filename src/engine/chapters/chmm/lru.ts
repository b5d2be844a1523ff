/** A tiny LRU memo for the theory's heavy precomputations (source network, spectra). */
export function makeLru<T>(capacity: number) {
  const map = new Map<string, T>();
  return {
    get(key: string, make: () => T): T {
      const hit = map.get(key);
      if (hit !== undefined) {
        map.delete(key);
        map.set(key, hit);
        return hit;
      }
      const value = make();
      map.set(key, value);
      while (map.size > capacity) map.delete(map.keys().next().value as string);
      return value;
    },
    has: (key: string) => map.has(key),
    clear: () => map.clear(),
  };
}
