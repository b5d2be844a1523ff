import { useRef } from 'react';
import type { Chapter } from '../engine/core/chapter';
import { useApp } from '../state/context';

export const tabId = (chapter: string, fig: string) => `tab-${chapter}-${fig}`;
export const panelId = (chapter: string) => `panel-${chapter}`;

/**
 * The chapter's figures as an ARIA tablist: one tab stop (the selected tab),
 * arrows/Home/End move and select (selection is cheap: theory is instant or
 * cached, simulations restart debounced).
 */
export function FigureTabs({ chapter }: { chapter: Chapter }) {
  const current = useApp((s) => s.fig);
  const setFig = useApp((s) => s.setFig);
  const listRef = useRef<HTMLDivElement>(null);
  const figs = chapter.figures;
  const select = (i: number) => {
    const f = figs[(i + figs.length) % figs.length];
    setFig(f.id);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(chapter.id, f.id))}`)?.focus();
  };
  const at = Math.max(
    0,
    figs.findIndex((f) => f.id === current),
  );
  return (
    <div
      className="fig-tabs"
      role="tablist"
      aria-label="Figures"
      ref={listRef}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') select(at + 1);
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') select(at - 1);
        else if (e.key === 'Home') select(0);
        else if (e.key === 'End') select(figs.length - 1);
        else return;
        e.preventDefault();
      }}
    >
      {figs.map((f) => {
        const on = f.id === figs[at].id;
        return (
          <button
            key={f.id}
            id={tabId(chapter.id, f.id)}
            type="button"
            role="tab"
            aria-selected={on}
            aria-controls={panelId(chapter.id)}
            tabIndex={on ? 0 : -1}
            className={on ? 'active' : ''}
            onClick={() => setFig(f.id)}
          >
            {f.title}
          </button>
        );
      })}
    </div>
  );
}
