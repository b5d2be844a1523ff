/**
 * URL <-> view state. Reads every key through the chapter's schema (bad values
 * are clamped or replaced and reported as notices); writes only non-default
 * values so links stay short and reproduce exactly.
 */
import { chapters, findChapter } from '../engine/chapters';
import { RESERVED_KEYS, type Chapter } from '../engine/core/chapter';
import { coerceParams, defaults, nonDefault, parseNumber, shorten, type Notice, type Params } from '../engine/core/schema';
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
  notices.push({ level: 'warning', text: `"${name}" must be 0 or 1 (got "${shorten(raw)}"); using ${fallback ? 1 : 0}.`, param: name });
  return fallback;
}

export function readUrl(search: string): { state: ViewState; notices: Notice[] } {
  const q = new URLSearchParams(search);
  const notices: Notice[] = [];
  const id = q.get('chapter');
  let chapter = id ? findChapter(id) ?? null : null;
  if (id && !chapter) notices.push({ level: 'warning', text: `There is no chapter "${shorten(id)}"; showing the list of chapters.`, param: 'chapter' });
  if (chapter && chapter.status !== 'ready') {
    notices.push({ level: 'info', text: `The chapter "${chapter.title}" is coming soon.`, param: 'chapter' });
    chapter = null;
  }
  const raw: Record<string, string> = {};
  q.forEach((v, k) => {
    raw[k] = v;
  });
  let params: Params = {};
  let fig = '';
  let step: number | null = null;
  if (chapter) {
    const r = coerceParams(chapter.schema, raw, { reservedKeys: RESERVED_KEYS });
    params = r.params;
    notices.push(...r.notices);
    const figRaw = q.get('fig');
    fig = chapter.figures.find((f) => f.id === figRaw)?.id ?? chapter.figures[0].id;
    if (figRaw !== null && figRaw !== fig) notices.push({ level: 'warning', text: `There is no figure "${shorten(figRaw)}" in this chapter; showing "${fig}".`, param: 'fig' });
    // `preset=<id>`: the preset's figure and parameters, with any parameter also given in the link taking precedence.
    const presetRaw = q.get('preset');
    if (presetRaw !== null) {
      const preset = findPreset(chapter, presetRaw);
      if (!preset) notices.push({ level: 'warning', text: `There is no preset "${shorten(presetRaw)}" in this chapter; using the link's own parameters.`, param: 'preset' });
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
    if (s === undefined || !Number.isInteger(s) || s < 0 || s > 2 ** 31) notices.push({ level: 'warning', text: `seed must be a whole number ≥ 0 (got "${shorten(seedRaw)}"); using ${DEFAULT_SEED}.`, param: 'seed' });
    else seed = s;
  }
  const backendRaw = q.get('backend');
  let backend: BackendName | null = null;
  if (backendRaw !== null) {
    if ((BACKENDS as readonly string[]).includes(backendRaw)) backend = backendRaw as BackendName;
    else notices.push({ level: 'warning', text: `backend must be one of ${BACKENDS.join('|')} (got "${shorten(backendRaw)}"); choosing automatically.`, param: 'backend' });
  }
  const viewRaw = q.get('view');
  const view = viewRaw === 'gallery' ? 'gallery' : chapter ? 'chapter' : 'landing';
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

export function defaultParams(ch: Chapter): Params {
  return defaults(ch.schema);
}

export { chapters };
