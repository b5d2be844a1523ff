/**
 * Turning the chapters' plain text into HTML: `$…$` inline and `$$…$$` display
 * TeX via KaTeX (never throws; a bad formula shows in red), everything else
 * HTML-escaped. Returns strings for dangerouslySetInnerHTML: the only markup in
 * them is KaTeX's and our own <strong>/<em>.
 *
 * KaTeX is a third of the page's script, so it loads as its own chunk, started
 * at once when the app starts; until it arrives formulas show as their TeX
 * source (hidden by CSS, so nothing flashes) and components that typeset call
 * `useTexReady()` to render again when it is there.
 */
import { useSyncExternalStore } from 'react';
import type { GlossaryEntry } from '../engine/core/guide';
import { matchTerm, termHtml } from './glossaryHtml';

type Katex = typeof import('katex').default;
let katex: Katex | null = null;
const listeners = new Set<() => void>();

void import('katex').then(
  (m) => {
    katex = m.default;
    listeners.forEach((l) => l());
  },
  () => undefined, // offline without a cache: formulas stay as TeX source
);

/** Re-render when KaTeX has loaded; returns whether it has. */
export function useTexReady(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => katex !== null,
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function texToHtml(tex: string, display: boolean): string {
  if (!katex) return `<span class="tex-pending">${escapeHtml(tex)}</span>`;
  return katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    output: 'htmlAndMathml',
    strict: 'ignore',
  });
}

/**
 * A formula, with the glossary symbol it is (or starts with) as a focusable term
 * (see glossaryHtml.ts). `seen` collects the entries already given a tab stop in this block.
 */
function formulaHtml(tex: string, gloss: GlossaryEntry[] | undefined, seen: Set<GlossaryEntry>): string {
  const m = katex && gloss ? matchTerm(tex, gloss) : undefined;
  if (!m) return texToHtml(tex, false);
  const tabbable = !seen.has(m.entry);
  seen.add(m.entry);
  const term = termHtml(m.entry, texToHtml(m.symbol, false), tabbable, escapeHtml);
  // `{}` before the relation keeps TeX's spacing around it ("γ = 0.5", not "γ=0.5").
  if (!m.rest) return term;
  const rest = texToHtml(`{}${m.rest}`, false);
  // A short "γ = 0.5" stays on one line; a long formula may still break after the symbol.
  return m.rest.length <= 24 ? `<span class="nowrap">${term}${rest}</span>` : term + rest;
}

/**
 * Inline text with $…$ math. With the chapter's glossary, every formula that is
 * a known symbol (or starts with one, `$\gamma = 0.5$`) is a glossary term.
 */
export function inlineHtml(text: string, gloss?: GlossaryEntry[]): string {
  const seen = new Set<GlossaryEntry>();
  const parts = text.split(/(\$[^$]+\$)/g);
  const isMath = (p: string) => p.length > 2 && p.startsWith('$') && p.endsWith('$');
  const prose = (p: string) =>
    escapeHtml(p)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?![*\w])/g, '$1<em>$2</em>');
  let html = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!isMath(p)) {
      html += prose(p);
      continue;
    }
    // Punctuation right after a formula stays on its line (no lone "." wrapped below the math).
    const next = parts[i + 1] ?? '';
    const punct = /^[.,;:!?)]+/.exec(next)?.[0] ?? '';
    html += punct
      ? `<span class="nowrap">${formulaHtml(p.slice(1, -1), gloss, seen)}${escapeHtml(punct)}</span>`
      : formulaHtml(p.slice(1, -1), gloss, seen);
    if (punct) parts[i + 1] = next.slice(punct.length);
  }
  return html;
}

export type Block =
  | { kind: 'heading'; html: string; text: string }
  | { kind: 'paragraph'; html: string }
  | { kind: 'math'; html: string };

/**
 * Blocks of an article: `## ` headings, blank-line paragraphs (symbols as glossary terms), `$$…$$` display
 * equations.
 */
export function articleBlocks(text: string, gloss?: GlossaryEntry[]): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.trim().split(/\n\s*\n/)) {
    for (const piece of chunk.split(/(\$\$[\s\S]+?\$\$)/g)) {
      const t = piece.trim();
      if (!t) continue;
      if (t.startsWith('$$')) blocks.push({ kind: 'math', html: texToHtml(t.slice(2, -2), true) });
      else if (t.startsWith('## ')) {
        const [head, ...rest] = t.split('\n');
        blocks.push({ kind: 'heading', html: inlineHtml(head.slice(3)), text: head.slice(3) });
        if (rest.join(' ').trim()) blocks.push({ kind: 'paragraph', html: inlineHtml(rest.join(' '), gloss) });
      } else blocks.push({ kind: 'paragraph', html: inlineHtml(t.replace(/\n/g, ' '), gloss) });
    }
  }
  return blocks;
}

/**
 * Take one `## title` section out of an article: its body (null when there is
 * none) and the article without it. The chapters' "What to try" moves to the
 * end of the guided tour this way, so the page has one guided path.
 */
export function takeSection(text: string, title: string): { body: string | null; rest: string } {
  const start = text.search(new RegExp(`(^|\\n)## ${title}[ \\t]*\\n`));
  if (start < 0) return { body: null, rest: text };
  const head = text.indexOf('## ', start);
  const bodyStart = text.indexOf('\n', head) + 1;
  const next = text.indexOf('\n## ', bodyStart);
  const end = next < 0 ? text.length : next;
  return { body: text.slice(bodyStart, end).trim(), rest: `${text.slice(0, start)}\n${text.slice(end)}` };
}
