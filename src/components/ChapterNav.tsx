import { chapters } from '../engine/chapters';

export function ChapterNav({ current }: { current?: string }) {
  return (
    <nav aria-label="chapters">
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
      </ul>
    </nav>
  );
}
