/**
 * URL <-> view state. Reads every key through the chapter's schema (bad values
 * are clamped or replaced and reported as notices); writes only non-default
 * values so links stay short and reproduce exactly.
 */
import { chapters, findChapter } from '../engine/chapters';
import { RESERVED_KEYS, type Chapter } from '../engine/core/chapter';
import { coerceParams, nonDefault, parseNumber, shorten, type Notice, type Params } from '../engine/core/schema';
import { BACKENDS, type BackendName } from '../workers/protocol';
import { findPreset, presetParams } from './presets';
import { readQuery, type Query } from './query';
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

export function readUrl(search: string): { state: ViewState; notices: Notice[]; rewrite?: string } {
  const notices: Notice[] = [];
  const q = readQuery(search, notices);
  const chapter = readChapter(q.chapterId, notices);
  const { params, fig, step } = chapter ? readChapterView(chapter, q, notices) : { params: {}, fig: '', step: null };
  const seed = readSeed(q.get('seed'), notices);
  const backend = readBackend(q.get('backend'), notices);
  const view = readView(q.get('view'), chapter, notices);
  if (q.chapterId === null) reportKeysWithoutChapter(q.raw, notices);
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

/** The chapter the link names, if it exists and is ready (a chapter still coming shows the list instead). */
function readChapter(id: string | null, notices: Notice[]): Chapter | null {
  const chapter = id ? (findChapter(id) ?? null) : null;
  if (id && !chapter)
    notices.push({
      level: 'warning',
      text: `There is no chapter "${shorten(id)}"; showing the list of chapters.`,
      param: 'chapter',
    });
  if (chapter && chapter.status !== 'ready') {
    notices.push({ level: 'info', text: `The chapter "${chapter.title}" is coming soon.`, param: 'chapter' });
    return null;
  }
  return chapter;
}

/** Parameters, figure and tour step, in this order of precedence: the tour step, the link's own keys, the preset. */
function readChapterView(
  chapter: Chapter,
  q: Query,
  notices: Notice[],
): { params: Params; fig: string; step: number | null } {
  const raw = q.raw;
  const r = coerceParams(chapter.schema, raw, { reservedKeys: RESERVED_KEYS });
  notices.push(...r.notices);
  const figRaw = q.get('fig');
  let fig = readFig(chapter, figRaw, notices);
  let params = r.params;
  const preset = readPreset(chapter, q.get('preset'), notices);
  if (preset) {
    // The preset's figure and parameters, with any parameter also given in the link taking precedence.
    const given = Object.fromEntries(Object.entries(params).filter(([k]) => k in raw));
    params = { ...presetParams(chapter, preset, given), ...given };
    if (figRaw === null && chapter.figures.some((f) => f.id === preset.fig)) fig = preset.fig;
  }
  const st = readStep(chapter, q.get('step'), params, raw, figRaw !== null);
  notices.push(...st.notices);
  return { params: st.params, fig: st.fig ?? fig, step: st.step };
}

function readFig(chapter: Chapter, figRaw: string | null, notices: Notice[]): string {
  const fig = chapter.figures.find((f) => f.id === figRaw)?.id ?? chapter.figures[0].id;
  if (figRaw !== null && figRaw !== fig)
    notices.push({
      level: 'warning',
      text: `There is no figure "${shorten(figRaw)}" in this chapter; showing "${fig}".`,
      param: 'fig',
    });
  return fig;
}

/** `preset=<id>`: the chapter's preset of that id, if any. */
function readPreset(chapter: Chapter, presetRaw: string | null, notices: Notice[]) {
  if (presetRaw === null) return undefined;
  const preset = findPreset(chapter, presetRaw);
  if (!preset)
    notices.push({
      level: 'warning',
      text: `There is no preset "${shorten(presetRaw)}" in this chapter; using the link's own parameters.`,
      param: 'preset',
    });
  return preset;
}

function readSeed(seedRaw: string | null, notices: Notice[]): number {
  if (seedRaw === null) return DEFAULT_SEED;
  const s = parseNumber(seedRaw);
  if (s !== undefined && Number.isInteger(s) && s >= 0 && s <= 2 ** 31) return s;
  notices.push({
    level: 'warning',
    text: `seed must be a whole number ≥ 0 (got "${shorten(seedRaw)}"); using ${DEFAULT_SEED}.`,
    param: 'seed',
  });
  return DEFAULT_SEED;
}

function readBackend(backendRaw: string | null, notices: Notice[]): BackendName | null {
  if (backendRaw === null) return null;
  if ((BACKENDS as readonly string[]).includes(backendRaw)) return backendRaw as BackendName;
  notices.push({
    level: 'warning',
    text: `backend must be one of ${BACKENDS.join('|')} (got "${shorten(backendRaw)}"); choosing automatically.`,
    param: 'backend',
  });
  return null;
}

function readView(viewRaw: string | null, chapter: Chapter | null, notices: Notice[]): ViewState['view'] {
  const view = viewRaw === 'gallery' ? 'gallery' : chapter ? 'chapter' : 'landing';
  if (viewRaw !== null && viewRaw !== 'gallery') {
    const shown = view === 'chapter' ? 'chapter' : 'list of chapters';
    notices.push({
      level: 'warning',
      text: `"view" can only be gallery (got "${shorten(viewRaw)}"); showing the ${shown}.`,
      param: 'view',
    });
  }
  return view;
}

/** No chapter to read parameters against: every key that is not the app's own is reported, not dropped silently. */
function reportKeysWithoutChapter(raw: Record<string, string>, notices: Notice[]) {
  for (const k of Object.keys(raw)) {
    if (!(RESERVED_KEYS as readonly string[]).includes(k))
      notices.push({
        level: 'info',
        text: `Ignored unknown parameter "${shorten(k, 24)}" (the link names no chapter).`,
        param: k,
      });
  }
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
