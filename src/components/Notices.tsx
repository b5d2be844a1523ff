import { useState } from 'react';
import { useApp } from '../state/context';

/**
 * Messages about input and about the run (clamped URL values, fallbacks, solver warnings): never a silent change.
 * Every message can be dismissed, the theory's own notes too (they come back if their text changes).
 *
 * In an embed (`badge`) the messages collapse to a small badge in the embed's top bar: nothing ever
 * sits over the plot or its legend unless the reader opens the badge. The texts stay in the
 * status region either way, so screen readers and tests read them.
 */
export function Notices({ extra = [], badge = false }: { extra?: string[]; badge?: boolean }) {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  const [hidden, setHidden] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const shown = extra.filter((t) => !hidden.includes(t));
  const count = shown.length + notices.length;
  const list = (
    <>
      {shown.map((t) => (
        <p key={t} className="notice info">
          <span>{t}</span>
          <button
            type="button"
            className="dismiss"
            aria-label="Dismiss this note"
            onClick={() => setHidden([...hidden, t])}
          >
            ×
          </button>
        </p>
      ))}
      {notices.map((n) => (
        <p key={n.id} className={`notice ${n.level}`}>
          <span>{n.text}</span>
          <button type="button" className="dismiss" aria-label="Dismiss this message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </p>
      ))}
    </>
  );
  if (!badge) {
    return (
      <div data-testid="notice" role="status" aria-live="polite" className={count ? 'notices' : 'notices empty'}>
        {list}
      </div>
    );
  }
  const warning = notices.some((n) => n.level !== 'info');
  return (
    <div data-testid="notice" role="status" aria-live="polite" className={`notices badge-mode${count ? '' : ' empty'}`}>
      {count > 0 && (
        <button
          type="button"
          className={`notice-badge${warning ? ' warning' : ''}`}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          title={open ? 'Hide the notes' : 'Show the notes about this figure'}
        >
          {count} note{count === 1 ? '' : 's'}
        </button>
      )}
      <div className={open ? 'notice-pop' : 'notice-pop visually-hidden'}>{list}</div>
    </div>
  );
}
