import { useState } from 'react';
import { useApp } from '../state/context';

/**
 * Messages about input and about the run (clamped URL values, fallbacks, solver warnings): never a silent change.
 * Every message can be dismissed, the theory's own notes too (they come back if their text changes), so
 * a note never stays on top of an embedded figure.
 */
export function Notices({ extra = [] }: { extra?: string[] }) {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  const [hidden, setHidden] = useState<string[]>([]);
  const shown = extra.filter((t) => !hidden.includes(t));
  return (
    <div data-testid="notice" role="status" aria-live="polite" className={notices.length || shown.length ? 'notices' : 'notices empty'}>
      {shown.map((t) => (
        <p key={t} className="notice info">
          <span>{t}</span>
          <button type="button" className="dismiss" aria-label="Dismiss this note" onClick={() => setHidden([...hidden, t])}>
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
    </div>
  );
}
