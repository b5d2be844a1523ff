import { chapters } from '../engine/chapters';

/**
 * Chapters (ready ones as links) and the gallery. `current` is a chapter id or "gallery".
 * `bottom`: at the end of the page (a chapter on a phone), with a visible title.
 */
export function ChapterNav({ current, bottom = false }: { current?: string; bottom?: boolean }) {
  return (
    <nav aria-label="Chapters" className={bottom ? 'nav-bottom' : undefined}>
      {bottom && <h2>Chapters</h2>}
      <ul>
        {chapters.map((c) => (
          <li key={c.id}>
            {c.status === 'ready' ? (
              <a href={`?chapter=${c.id}`} aria-current={c.id === current ? 'page' : undefined}>
                {c.title}
              </a>
            ) : (
              <span className="coming">{c.title} (coming)</span>
            )}
          </li>
        ))}
        <li className="nav-gallery">
          <a href="?view=gallery" aria-current={current === 'gallery' ? 'page' : undefined}>
            Gallery
          </a>
        </li>
      </ul>
    </nav>
  );
}
