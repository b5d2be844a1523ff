/**
 * Glossary terms inside typeset text. The chapters' prose, captions and tour
 * steps are HTML strings (KaTeX output), so a term there is markup, not a
 * React component: an inline formula whose TeX is a known symbol (`$\gamma$`),
 * or whose left-hand side is one (`$\gamma = 0.5$`, `$N_1 \to \infty$`), gets
 * the same focusable term and tooltip as a slider label (GlossaryTerm). The
 * tooltips' behaviour (kept inside the viewport, Escape hides) is one listener
 * on the document for both kinds.
 */
import { findEntry, plainSymbol, type GlossaryEntry } from '../engine/core/guide';

/** "meaning · unit · range" in plain words (the tooltip's text, and what a screen reader hears as the description). */
export function entryText(e: GlossaryEntry): string {
  return [e.meaning, e.unit ? `Unit: ${e.unit}.` : '', e.range ? `Range: ${e.range}.` : ''].filter(Boolean).join(' ');
}

/** What a formula starts with, if it is "symbol relation rest" (`\gamma = 0.5`, `N_1 \to \infty`, `k \ge 1`). */
const RELATION = /^(.+?)\s*(=|<|>|\\to|\\in|\\le|\\ge|\\leq|\\geq|\\approx|\\sim|\\lesssim|\\gtrsim|\\ne)(?![a-zA-Z])/;

export interface TermMatch {
  entry: GlossaryEntry;
  /** The symbol's TeX as written, and what follows it (empty when the whole formula is the symbol). */
  symbol: string;
  rest: string;
}

/** The glossary entry a formula is, or starts with (before its first relation); none for anything else. */
export function matchTerm(tex: string, entries: GlossaryEntry[]): TermMatch | undefined {
  if (!entries.length) return undefined;
  const t = tex.trim();
  const whole = findEntry(entries, t);
  if (whole) return { entry: whole, symbol: t, rest: '' };
  const m = RELATION.exec(t);
  if (!m) return undefined;
  const lhs = m[1].trim();
  // Only a plain symbol (no operators, no unbalanced braces) counts as the left-hand side.
  if (/[+\-*/,()]/.test(plainSymbol(lhs)) || (lhs.match(/\{/g)?.length ?? 0) !== (lhs.match(/\}/g)?.length ?? 0))
    return undefined;
  const entry = findEntry(entries, lhs);
  return entry ? { entry, symbol: lhs, rest: t.slice(m[1].length).trim() } : undefined;
}

let nextId = 0;

/**
 * The markup of a term around already typeset `inner` HTML. `tabbable`: in the
 * tab order (the first time a symbol appears in a block), else focusable by
 * pointer only, so that a paragraph that says γ ten times has one tab stop for it.
 */
export function termHtml(
  entry: GlossaryEntry,
  inner: string,
  tabbable: boolean,
  escape: (s: string) => string,
): string {
  const id = `gl-${(nextId++).toString(36)}`;
  return (
    `<span class="gloss gloss-tex"><span role="term" tabindex="${tabbable ? 0 : -1}" class="gloss-term" ` +
    `aria-describedby="${id}" aria-label="${escape(entry.aliases[0] ?? plainSymbol(entry.tex))}">` +
    `<span aria-hidden="true">${inner}</span></span>` +
    `<span role="tooltip" id="${id}" class="gloss-tip">${escape(entryText(entry))}</span></span>`
  );
}

/**
 * Tooltip behaviour for every term on the page: a shown tip is moved sideways
 * (and above its term near the bottom edge) to stay inside the viewport, and
 * Escape hides the tip of the focused or hovered term until the pointer or
 * focus leaves it. Installed once; returns the uninstaller.
 */
let installed = 0;
let uninstall: (() => void) | null = null;
export function installGlossTips(): () => void {
  installed++;
  if (!uninstall) {
    const place = (gloss: Element) => {
      const tip = gloss.querySelector<HTMLElement>(':scope > .gloss-tip');
      if (!tip) return;
      tip.style.transform = '';
      tip.classList.remove('above');
      requestAnimationFrame(() => {
        const r = tip.getBoundingClientRect();
        if (!r.width) return;
        const vw = document.documentElement.clientWidth;
        const dx = r.right > vw - 6 ? vw - 6 - r.right : r.left < 6 ? 6 - r.left : 0;
        if (dx) tip.style.transform = `translateX(${Math.round(dx)}px)`;
        const g = gloss.getBoundingClientRect();
        if (r.bottom > window.innerHeight - 4 && g.top - r.height - 8 > 0) tip.classList.add('above');
      });
    };
    // Only on entering a term from outside it (mouseover repeats for every child the pointer crosses).
    const onEnter = (e: FocusEvent | MouseEvent) => {
      const gloss = (e.target as Element | null)?.closest?.('.gloss');
      const from = e.relatedTarget as Node | null;
      if (gloss && !(from && gloss.contains(from))) {
        gloss.classList.remove('dismissed');
        place(gloss);
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const open = document.querySelectorAll('.gloss:hover, .gloss:focus-within');
      open.forEach((g) => g.classList.add('dismissed'));
    };
    document.addEventListener('focusin', onEnter);
    document.addEventListener('mouseover', onEnter);
    document.addEventListener('keydown', onKey);
    uninstall = () => {
      document.removeEventListener('focusin', onEnter);
      document.removeEventListener('mouseover', onEnter);
      document.removeEventListener('keydown', onKey);
      uninstall = null;
    };
  }
  return () => {
    installed--;
    if (!installed) uninstall?.();
  };
}
