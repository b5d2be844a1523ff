import { useApp } from '../state/context';

/** Messages about input and about the run (clamped URL values, fallbacks, solver warnings): never a silent change. */
export function Notices({ extra = [] }: { extra?: string[] }) {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  return (
    <div data-testid="notice" role="status" aria-live="polite" className={notices.length || extra.length ? 'notices' : 'notices empty'}>
      {extra.map((t) => (
        <p key={t} className="notice info">
          <span>{t}</span>
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
