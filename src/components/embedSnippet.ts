/** The embed link and <iframe> snippet for the current view with the reader's embed options. */
import type { ViewState } from '../state/url';
import { writeUrl } from '../state/url';
import { escapeHtml } from './tex';

export interface EmbedOptions {
  size: string; // "960x540" or "responsive"
  big: boolean;
  controls: boolean;
  autorun: boolean;
}

export const EMBED_SIZES = [
  { id: '480x270', label: '480 × 270 (small)' },
  { id: '640x360', label: '640 × 360' },
  { id: '960x540', label: '960 × 540 (slide)' },
  { id: '1280x720', label: '1280 × 720 (HD)' },
  { id: '1920x1080', label: '1920 × 1080 (full HD)' },
  { id: 'responsive', label: 'Full width, 16:9' },
];

export function pageBase(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

/** The link to exactly this view as a full page (not an embed, with the page's own defaults for its flags). */
export function pageLink(s: ViewState): string {
  return `${pageBase()}${writeUrl({ ...s, embed: false, controls: true, autorun: true, big: false })}`;
}

export function embedUrl(s: ViewState, o: EmbedOptions): string {
  const flags = { big: o.big, controls: o.controls, autorun: o.autorun };
  return `${pageBase()}${writeUrl({ ...s, view: 'chapter', embed: true, ...flags })}`;
}

export function frameSize(o: EmbedOptions): { width: number; height: number } {
  const [w, h] = o.size === 'responsive' ? [960, 540] : o.size.split('x').map(Number);
  return { width: w, height: h };
}

export function embedSnippet(s: ViewState, o: EmbedOptions, title: string): string {
  // The URL is already percent-encoded; a raw "&" is valid in an attribute and keeps the snippet readable.
  const src = embedUrl(s, o).replace(/"/g, '%22');
  const t = escapeHtml(title);
  const tail = `title="${t}" loading="lazy" allow="fullscreen"></iframe>`;
  if (o.size === 'responsive') return `<iframe src="${src}" style="width:100%;aspect-ratio:16/9;border:0" ${tail}`;
  const { width, height } = frameSize(o);
  return `<iframe src="${src}" width="${width}" height="${height}" style="border:0" ${tail}`;
}
