import type { ReactNode, RefObject } from 'react';
import type { Chapter, Figure } from '../engine/core/chapter';
import { useAppStore } from '../state/context';
import { pageLink } from './embedSnippet';

/**
 * The embed's one line of chrome: the figure title (the slide's heading), the
 * theory's "computing…" status, the notes badge, a Run button where a static slide (`controls=0&autorun=0`) has
 * not run yet, the sliders toggle in compact frames, and a link to the full page
 * that opens in a new tab (an embed never navigates the page that hosts it).
 */
export function EmbedBar({
  chapter,
  fig,
  drawer,
  notices,
  status,
  run,
}: {
  chapter: Chapter;
  fig: Figure;
  drawer: { open: boolean; id: string; toggle: () => void; ref: RefObject<HTMLButtonElement | null> } | null;
  notices: ReactNode;
  status?: ReactNode;
  run?: ReactNode;
}) {
  const store = useAppStore();
  const full = pageLink(store.getState());
  return (
    <div className="embed-bar">
      <h1 className="embed-title">{fig.title}</h1>
      {status}
      {notices}
      {run}
      {drawer && (
        <button
          ref={drawer.ref}
          type="button"
          className="drawer-toggle"
          aria-expanded={drawer.open}
          aria-controls={drawer.id}
          onClick={drawer.toggle}
        >
          {drawer.open ? 'Hide sliders' : 'Sliders'}
        </button>
      )}
      <a
        className="open-full"
        href={full}
        target="_blank"
        rel="noopener noreferrer"
        title={`Open “${chapter.title}” in Transfer Explorable (new tab)`}
      >
        Open<span className="visually-hidden"> {chapter.title} in a new tab</span> <span aria-hidden="true">↗</span>
      </a>
    </div>
  );
}
