/**
 * A small persistent key → value store on IndexedDB (through the `idb` library),
 * shared by the page and the workers: theory results and trained source networks.
 *
 * Entries carry their chapter and the chapter's engine version (version.ts) that
 * produced them; one from another version reads as missing and is swept away once per session, together with the oldest
 * entries beyond a cap per store (a reader who explores for hours does not fill
 * the disk). Every failure (no IndexedDB in Node, private mode, quota, a blocked
 * or slow database) reads as missing or is dropped: persistence only ever saves
 * time, the caller then computes.
 */
import { openDB, type IDBPDatabase } from 'idb';

const DB_NAME = 'transfer-explorable';
const DB_SCHEMA = 1;
type StoreName = 'theory' | 'arrays';
/** Entries kept per store: theory results are a few KB, source networks up to a few hundred KB. */
const CAP: Record<StoreName, number> = { theory: 3000, arrays: 64 };
/**
 * A read that takes longer than this is treated as a miss, so that a stuck database (an upgrade blocked by
 * another tab) cannot hold a computation back for good. Generous: a read normally answers within
 * milliseconds, but on a busy page load its callback can wait behind long tasks (rendering, typesetting)
 * while the timer is already due.
 */
const READ_TIMEOUT_MS = 3000;
/** Sweep after the page has settled. */
const SWEEP_DELAY_MS = 5000;

interface Entry<V> {
  chapter: string;
  version: string;
  /** When it was written (ms since epoch): the oldest go first beyond the cap. */
  at: number;
  value: V;
}

/** Keys are unique across chapters; the chapter names the engine version an entry must match. */
export interface KeyValue<V> {
  get(chapter: string, key: string): Promise<V | undefined>;
  put(chapter: string, key: string, value: V): Promise<void>;
}

/** A chapter's current engine version; undefined = nothing is read or written for it. */
export type VersionOf = (chapter: string) => string | undefined;

let opened: Promise<IDBPDatabase | null> | null = null;

function database(): Promise<IDBPDatabase | null> {
  opened ??=
    typeof indexedDB === 'undefined'
      ? Promise.resolve(null)
      : openDB(DB_NAME, DB_SCHEMA, {
          upgrade(db) {
            for (const s of ['theory', 'arrays'] as const)
              if (!db.objectStoreNames.contains(s)) db.createObjectStore(s);
          },
          // Another tab with a newer schema wants to upgrade: let it (this page then runs without persistence).
          blocking() {
            void opened?.then((db) => db?.close());
            opened = Promise.resolve(null);
          },
        }).catch(() => null);
  return opened;
}

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      () => (clearTimeout(timer), resolve(fallback)),
    );
  });
}

const swept = new Set<StoreName>();

/** Drop entries of other engine versions, then the oldest beyond the cap. */
async function sweep(store: StoreName, versionOf: VersionOf) {
  const db = await database();
  if (!db) return;
  const tx = db.transaction(store, 'readwrite');
  const kept: { key: IDBValidKey; at: number }[] = [];
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const e = cursor.value as Entry<unknown>;
    if (!e || e.version !== versionOf(e.chapter)) await cursor.delete();
    else kept.push({ key: cursor.key, at: e.at });
  }
  kept.sort((a, b) => a.at - b.at);
  for (const k of kept.slice(0, Math.max(0, kept.length - CAP[store]))) await tx.store.delete(k.key);
  await tx.done;
}

/**
 * One object store, read and written under each chapter's current engine version.
 * Without a version (a development or Node build, where the engine may have
 * changed since the hash was taken) nothing is read or written.
 */
export function idbStore<V>(store: StoreName, versionOf: VersionOf): KeyValue<V> {
  if (!swept.has(store) && typeof indexedDB !== 'undefined') {
    swept.add(store);
    setTimeout(() => void sweep(store, versionOf).catch(() => undefined), SWEEP_DELAY_MS);
  }
  return {
    async get(chapter, key) {
      const version = versionOf(chapter);
      if (!version) return undefined;
      const read = database().then(async (db) =>
        db ? ((await db.get(store, key)) as Entry<V> | undefined) : undefined,
      );
      const e = await within(read, READ_TIMEOUT_MS, undefined);
      return e && e.chapter === chapter && e.version === version ? e.value : undefined;
    },
    async put(chapter, key, value) {
      const version = versionOf(chapter);
      if (!version) return;
      try {
        const db = await database();
        await db?.put(store, { chapter, version, at: Date.now(), value } satisfies Entry<V>, key);
      } catch {
        // Quota or a closed database: the value stays in memory only.
      }
    },
  };
}
