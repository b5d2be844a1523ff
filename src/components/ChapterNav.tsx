import { chapters } from '../engine/chapters';

/** Chapters (ready ones as links) and the gallery. `current` is a chapter id or "gallery". */
export function ChapterNav({ current }: { current?: string }) {
  return (
    <nav aria-label="Chapters">
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
