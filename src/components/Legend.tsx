import type { Figure } from '../engine/core/chapter';
import { styleOf } from './charts/palette';
import { symbol } from 'd3';

/** Protocol legend: colour, line dash and marker, so no information rests on colour alone. */
export function Legend({ fig, present }: { fig: Figure; present?: Set<string> }) {
  if (fig.kind === 'heatmap') return null;
  // Only protocols that have a line or points on the chart (e.g. fine-tuned curves only once simulated).
  const shown = fig.protocols.map((p, i) => ({ p, i })).filter(({ p }) => !present || present.size === 0 || present.has(p.id));
  return (
    <ul className="legend" aria-label="Legend">
      {shown.map(({ p, i }) => {
        const st = styleOf(i);
        return (
          <li key={p.id}>
            <svg width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
              <line x1="2" x2="42" y1="8" y2="8" stroke={st.color} strokeWidth="2" strokeDasharray={st.dash} />
              <path d={symbol(st.marker, 40)() ?? ''} transform="translate(22,8)" fill={st.color} stroke="#fff" />
            </svg>
            {p.label}
          </li>
        );
      })}
    </ul>
  );
}
