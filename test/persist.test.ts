/**
 * The persistent theory levels (src/state/persist): keys, the JSON form of
 * non-finite numbers, which level answers, and that every failure degrades to a
 * miss (the caller computes) instead of an error or a wrong result.
 */
import { describe, expect, it } from 'vitest';
import type { TheoryResult } from '../src/engine/core/chapter';
import { decodeNonFinite, encodeNonFinite, persistKey, type ShippedFile } from '../src/state/persist/codec';
import { idbStore, type KeyValue } from '../src/state/persist/idb';
import { createTheoryCache } from '../src/state/persist/theoryCache';
import { theoryVersion } from '../src/state/persist/version';

const result: TheoryResult = {
  x: [0, 1, 2],
  series: [{ id: 'theory:a', y: [1.5, Number.NaN, Number.POSITIVE_INFINITY] }],
  readouts: [{ label: 'gap', value: Number.NEGATIVE_INFINITY }],
};

function memoryKv(): KeyValue<TheoryResult> & { puts: number } {
  const m = new Map<string, TheoryResult>();
  return {
    puts: 0,
    get(_chapter, key) {
      return Promise.resolve(m.get(key));
    },
    put(_chapter, key, value) {
      this.puts++;
      m.set(key, value);
      return Promise.resolve();
    },
  };
}

const shippedFile = (engine: string): ShippedFile => ({
  engine,
  chapter: 'ch',
  results: [{ fig: 'f', params: { b: 2, a: 'x' }, result: encodeNonFinite(result) }],
});

describe('persist codec', () => {
  it('keys do not depend on the order the parameters were assembled in', () => {
    expect(persistKey('ch', 'f', { a: 1, b: 'x' })).toBe(persistKey('ch', 'f', { b: 'x', a: 1 }));
    expect(persistKey('ch', 'f', { a: 1, b: 'x' })).not.toBe(persistKey('ch', 'f', { a: 1.0000001, b: 'x' }));
    expect(persistKey('ch', 'f', { a: 1 })).not.toBe(persistKey('ch', 'g', { a: 1 }));
  });

  it('NaN and ±Infinity survive the JSON form', () => {
    const back = decodeNonFinite(JSON.parse(JSON.stringify(encodeNonFinite(result))) as TheoryResult);
    expect(back).toEqual(result);
    expect(Number.isNaN(back.series![0].y[1])).toBe(true);
    expect(back.readouts![0].value).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('theory cache levels', () => {
  it('answers a shipped result of the matching engine version, as a fresh copy', async () => {
    const cache = createTheoryCache({
      versionOf: () => 'v1',
      shipped: () => Promise.resolve(shippedFile('v1')),
      stored: memoryKv(),
    });
    const hit = await cache.get('ch', 'f', { a: 'x', b: 2 });
    expect(hit?.source).toBe('shipped');
    expect(hit?.result).toEqual(result);
    hit!.result.series![0].y[0] = 99;
    expect((await cache.get('ch', 'f', { a: 'x', b: 2 }))?.result.series![0].y[0]).toBe(1.5);
    expect(await cache.get('ch', 'f', { a: 'x', b: 3 })).toBeUndefined();
  });

  it('ignores a shipped file of another engine version, or any when the build has no version', async () => {
    const stale = createTheoryCache({
      versionOf: () => 'v2',
      shipped: () => Promise.resolve(shippedFile('v1')),
      stored: memoryKv(),
    });
    expect(await stale.get('ch', 'f', { a: 'x', b: 2 })).toBeUndefined();
    const unversioned = createTheoryCache({
      versionOf: () => undefined,
      shipped: () => Promise.resolve(shippedFile('v1')),
      stored: memoryKv(),
    });
    expect(await unversioned.get('ch', 'f', { a: 'x', b: 2 })).toBeUndefined();
  });

  it('writes computed results to the stored level and answers them from there', async () => {
    const stored = memoryKv();
    const cache = createTheoryCache({ versionOf: () => 'v1', shipped: () => Promise.resolve(undefined), stored });
    expect(await cache.get('ch', 'f', { a: 1 })).toBeUndefined();
    cache.put('ch', 'f', { a: 1 }, result);
    await Promise.resolve();
    expect(stored.puts).toBe(1);
    expect((await cache.get('ch', 'f', { a: 1 }))?.source).toBe('stored');
  });

  it('a failing level reads as a miss', async () => {
    const broken: KeyValue<TheoryResult> = {
      get: () => Promise.reject(new Error('quota')),
      put: () => Promise.reject(new Error('quota')),
    };
    const cache = createTheoryCache({
      versionOf: () => 'v1',
      shipped: () => Promise.reject(new Error('offline')),
      stored: broken,
    });
    expect(await cache.get('ch', 'f', { a: 1 })).toBeUndefined();
    expect(() => cache.put('ch', 'f', { a: 1 }, result)).not.toThrow();
  });

  it('without IndexedDB (Node) the stored level is empty and writes are dropped', async () => {
    const kv = idbStore<number>('theory', () => 'v1');
    await kv.put('ch', 'k', 1);
    expect(await kv.get('ch', 'k')).toBeUndefined();
  });

  it('outside a production build there is no engine version (nothing persisted is trusted)', () => {
    expect(theoryVersion('chmm')).toBeUndefined();
  });
});

describe('array store', () => {
  it('the in-memory store copies in and out and forgets the least recently used', async () => {
    const { memoryArrayStore } = await import('../src/engine/core/arrayStore');
    const store = memoryArrayStore(2);
    const w = [new Float32Array([1, 2]), new Float32Array([3])];
    await store.put('a', w);
    w[0][0] = 9;
    const back = await store.get('a');
    expect(back?.map((a) => [...a])).toEqual([[1, 2], [3]]);
    back![1][0] = 7;
    expect([...(await store.get('a'))![1]]).toEqual([3]);
    await store.put('b', [new Float32Array(1)]);
    await store.get('a');
    await store.put('c', [new Float32Array(1)]);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
  });
});

describe('ctx.store through the runner', () => {
  it('a sim sees the store the runner was given, across runs', async () => {
    const { memoryArrayStore } = await import('../src/engine/core/arrayStore');
    const { runFigure, makeSimCache } = await import('../src/engine/core/simRunner');
    const fig = {
      id: 'f',
      title: '',
      caption: '',
      kind: 'line',
      x: { name: 'x', label: '' },
      y: { name: 'y', label: '' },
      protocols: [{ id: 'p', label: '' }],
      grid: () => [0],
      theory: () => ({}),
      theoryCost: 'instant',
      simTasks: () => [{ key: 'x=0', params: {}, x: 0 }],
      simSeries: [{ id: 'sim:p', y: (s: Record<string, number>) => s.reused }],
    } as unknown as import('../src/engine/core/chapter').Figure;
    const chapter = {
      id: 'c',
      title: '',
      question: '',
      status: 'ready',
      schema: [],
      figures: [fig],
      presets: [],
      text: '',
    } as unknown as import('../src/engine/core/chapter').Chapter;
    // Trains once ("weights" = [42]) and reuses what the store holds afterwards.
    const sim = {
      async run(_f: string, _t: unknown, seeds: number[], ctx: import('../src/engine/core/chapter').SimContext) {
        const hit = await ctx.store?.get('source');
        if (!hit) await ctx.store?.put('source', [new Float32Array([42])]);
        return seeds.map(() => ({ reused: hit?.[0][0] === 42 ? 1 : 0 }));
      },
    };
    const store = memoryArrayStore();
    const run = () =>
      runFigure(chapter, fig, sim, {}, { seed: 1, seeds: 2, cache: makeSimCache(), store, onPoint: () => undefined });
    // Seeds run one at a time: the first trains, the second reuses; the next run reuses for both.
    expect((await run())[0].y).toBe(0.5);
    expect((await run())[0].y).toBe(1);
    const without = await runFigure(
      chapter,
      fig,
      sim,
      {},
      { seed: 1, seeds: 2, cache: makeSimCache(), onPoint: () => undefined },
    );
    expect(without[0].y).toBe(0);
  });
});
