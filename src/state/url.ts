/**
 * URL <-> view state. Reads every key through the chapter's schema (bad values
 * are clamped or replaced and reported as notices); writes only non-default
 * values so links stay short and reproduce exactly.
 */
import { chapters, findChapter } from '../engine/chapters';
import { RESERVED_KEYS, type Chapter } from '../engine/core/chapter';
import {
  coerceParams,
  nonDefault,
  parseNumber,
  resolveKey,
  shorten,
  type Notice,
  type Params,
} from '../engine/core/schema';
import { BACKENDS, type BackendName } from '../workers/protocol';
import { findPreset, presetParams } from './presets';
import { readStep } from './tour';

export interface ViewState {
  chapter: Chapter | null;
  fig: string;
  params: Params;
  seed: number;
  embed: boolean;
  controls: boolean;
  autorun: boolean;
  big: boolean;
  view: 'chapter' | 'landing' | 'gallery';
  backend: BackendName | null;
  /** The guided tour's step on screen (1-based; `step=<n>`, state/tour.ts), or null. */
  step?: number | null;
}

export const DEFAULT_SEED = 1;

function flag(raw: string | null, name: string, fallback: boolean, notices: Notice[]): boolean {
  if (raw === null) return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  notices.push({
    level: 'warning',
    text: `"${name}" must be 0 or 1 (got "${shorten(raw)}"); using ${fallback ? 1 : 0}.`,
    param: name,
  });
  return fallback;
}

/**
 * One value per key, read the same way for every key: the last occurrence wins (each repeat is reported),
 * and a parameter's former name (schema `aliases`) is read as its current name, with a notice. `rewrite` is
 * the link with those keys renamed and repeats dropped (for `replaceState`), when anything changed. The map
 * has no prototype, so `__proto__` is an ordinary (unknown) key.
 */
export function readQuery(
  search: string,
  notices: Notice[],
): { get(key: string): string | null; raw: Record<string, string>; chapterId: string | null; rewrite?: string } {
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

export function readUrl(search: string): { state: ViewState; notices: Notice[]; rewrite?: string } {
  const notices: Notice[] = [];
  const q = readQuery(search, notices);
  const id = q.chapterId;
  let chapter = id ? (findChapter(id) ?? null) : null;
  if (id && !chapter)
    notices.push({
      level: 'warning',
      text: `There is no chapter "${shorten(id)}"; showing the list of chapters.`,
      param: 'chapter',
    });
  if (chapter && chapter.status !== 'ready') {
    notices.push({ level: 'info', text: `The chapter "${chapter.title}" is coming soon.`, param: 'chapter' });
    chapter = null;
  }
  const raw = q.raw;
  let params: Params = {};
  let fig = '';
  let step: number | null = null;
  if (chapter) {
    const r = coerceParams(chapter.schema, raw, { reservedKeys: RESERVED_KEYS });
    params = r.params;
    notices.push(...r.notices);
    const figRaw = q.get('fig');
    fig = chapter.figures.find((f) => f.id === figRaw)?.id ?? chapter.figures[0].id;
    if (figRaw !== null && figRaw !== fig)
      notices.push({
        level: 'warning',
        text: `There is no figure "${shorten(figRaw)}" in this chapter; showing "${fig}".`,
        param: 'fig',
      });
    // `preset=<id>`: the preset's figure and parameters, with any parameter also given in the link taking precedence.
    const presetRaw = q.get('preset');
    if (presetRaw !== null) {
      const preset = findPreset(chapter, presetRaw);
      if (!preset)
        notices.push({
          level: 'warning',
          text: `There is no preset "${shorten(presetRaw)}" in this chapter; using the link's own parameters.`,
          param: 'preset',
        });
      else {
        const given = Object.fromEntries(Object.entries(params).filter(([k]) => k in raw));
        params = { ...presetParams(chapter, preset, given), ...given };
        if (figRaw === null && chapter.figures.some((f) => f.id === preset.fig)) fig = preset.fig;
      }
    }
    const st = readStep(chapter, q.get('step'), params, raw, figRaw !== null);
    notices.push(...st.notices);
    params = st.params;
    fig = st.fig ?? fig;
    step = st.step;
  }
  let seed = DEFAULT_SEED;
  const seedRaw = q.get('seed');
  if (seedRaw !== null) {
    const s = parseNumber(seedRaw);
    if (s === undefined || !Number.isInteger(s) || s < 0 || s > 2 ** 31)
      notices.push({
        level: 'warning',
        text: `seed must be a whole number ≥ 0 (got "${shorten(seedRaw)}"); using ${DEFAULT_SEED}.`,
        param: 'seed',
      });
    else seed = s;
  }
  const backendRaw = q.get('backend');
  let backend: BackendName | null = null;
  if (backendRaw !== null) {
    if ((BACKENDS as readonly string[]).includes(backendRaw)) backend = backendRaw as BackendName;
    else
      notices.push({
        level: 'warning',
        text: `backend must be one of ${BACKENDS.join('|')} (got "${shorten(backendRaw)}"); choosing automatically.`,
        param: 'backend',
      });
  }
  const viewRaw = q.get('view');
  const view = viewRaw === 'gallery' ? 'gallery' : chapter ? 'chapter' : 'landing';
  if (viewRaw !== null && viewRaw !== 'gallery')
    notices.push({
      level: 'warning',
      text: `"view" can only be gallery (got "${shorten(viewRaw)}"); showing the ${view === 'chapter' ? 'chapter' : 'list of chapters'}.`,
      param: 'view',
    });
  if (id === null) {
    // No chapter to read parameters against: every key that is not the app's own is reported, not dropped silently.
    for (const k of Object.keys(raw)) {
      if (!(RESERVED_KEYS as readonly string[]).includes(k))
        notices.push({
          level: 'info',
          text: `Ignored unknown parameter "${shorten(k, 24)}" (the link names no chapter).`,
          param: k,
        });
    }
  }
  return {
    state: {
      chapter,
      fig,
      params,
      seed,
      embed: flag(q.get('embed'), 'embed', false, notices),
      controls: flag(q.get('controls'), 'controls', true, notices),
      autorun: flag(q.get('autorun'), 'autorun', true, notices),
      big: flag(q.get('big'), 'big', false, notices),
      view,
      backend,
      step,
    },
    notices,
    rewrite: q.rewrite,
  };
}

/** The shareable query string for a state (chapter, figure, non-default parameters, seed, view flags). */
export function writeUrl(s: ViewState): string {
  const q = new URLSearchParams();
  if (s.view === 'gallery') q.set('view', 'gallery');
  if (s.chapter) {
    q.set('chapter', s.chapter.id);
    if (s.step) q.set('step', String(s.step));
    if (s.fig && s.fig !== s.chapter.figures[0]?.id) q.set('fig', s.fig);
    for (const [k, v] of Object.entries(nonDefault(s.chapter.schema, s.params))) q.set(k, v);
  }
  if (s.seed !== DEFAULT_SEED) q.set('seed', String(s.seed));
  if (s.embed) q.set('embed', '1');
  if (!s.controls) q.set('controls', '0');
  if (!s.autorun) q.set('autorun', '0');
  if (s.big) q.set('big', '1');
  if (s.backend) q.set('backend', s.backend);
  const str = q.toString();
  return str ? `?${str}` : '';
}

export { chapters };
