/** The link's query string as one value per key (repeats and renamed keys resolved, each with a notice). */
import { findChapter } from '../engine/chapters';
import { resolveKey, shorten, type Notice } from '../engine/core/schema';

export interface Query {
  get(key: string): string | null;
  raw: Record<string, string>;
  chapterId: string | null;
  rewrite?: string;
}

/**
 * One value per key, read the same way for every key: the last occurrence wins (each repeat is reported),
 * and a parameter's former name (schema `aliases`) is read as its current name, with a notice. `rewrite` is
 * the link with those keys renamed and repeats dropped (for `replaceState`), when anything changed. The map
 * has no prototype, so `__proto__` is an ordinary (unknown) key.
 */
export function readQuery(search: string, notices: Notice[]): Query {
  const entries = [...new URLSearchParams(search).entries()];
  const lastOf = (list: [string, string][]) => {
    const out = Object.create(null) as Record<string, string>;
    for (const [k, v] of list) out[k] = v;
    return out;
  };
  const chapterId = lastOf(entries).chapter ?? null;
  const schema = findChapter(chapterId)?.schema ?? [];
  let renamed = false;
  const named = entries.map(([k, v]): [string, string] => {
    const found = resolveKey(schema, k);
    if (!found?.alias) return [k, v];
    renamed = true;
    notices.push({
      level: 'info',
      text: `"${shorten(k, 24)}" is now called "${found.spec.name}"; the link has been updated.`,
      param: found.spec.name,
    });
    return [found.spec.name, v];
  });
  const raw = lastOf(named);
  const counts = new Map<string, number>();
  for (const [k] of named) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const [k, n] of counts) {
    if (n > 1)
      notices.push({
        level: 'warning',
        text: `"${shorten(k, 24)}" appears ${n} times in the link; using the last one ("${shorten(raw[k])}").`,
        param: k,
      });
  }
  let rewrite: string | undefined;
  if (renamed || named.length !== counts.size) {
    const q = new URLSearchParams();
    for (const k of counts.keys()) q.set(k, raw[k]);
    const str = q.toString();
    rewrite = str ? `?${str}` : '';
  }
  return { get: (key) => raw[key] ?? null, raw, chapterId, rewrite };
}
