import { symbol } from 'd3';
import type { ReactNode } from 'react';
import type { Figure, TheoryResult } from '../engine/core/chapter';
import type { SimPoint } from '../engine/core/simRunner';
import { drawnByProtocol, type Drawn } from './charts/drawn';
import { scaledDash, seriesStyle } from './charts/styleMap';
import { RichText } from './Glossary';

/**
 * The sample drawn for one protocol: its theory line, its marker, or the thin join of simulation-only marks, as on
 * the chart.
 */
function Sample({ id, drawn }: { id: string; drawn: Drawn }) {
  const st = seriesStyle(id);
  return (
    <svg width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
      {drawn.theory && (
        <line
          x1="2"
          x2="42"
          y1="8"
          y2="8"
          stroke={st.color}
          strokeWidth="2.2"
          strokeDasharray={scaledDash(st.dash, 2.2) || undefined}
        />
      )}
      {!drawn.theory && drawn.join && (
        <line x1="2" x2="42" y1="8" y2="8" stroke={st.color} strokeWidth="1" opacity="0.55" />
      )}
      {drawn.sim && (
        <path
          d={symbol(st.marker, 56)() ?? ''}
          transform="translate(22,8)"
          fill={st.hollow ? '#fff' : st.color}
          stroke={st.hollow ? st.color : '#fff'}
          strokeWidth={st.hollow ? 1.8 : 1}
        />
      )}
    </svg>
  );
}

/** Map legend: the level line and the simulated rings, when drawn (the colour bar is inside the chart). */
function MapLegend({ fig, theory, points }: { fig: Figure; theory: TheoryResult | null; points: SimPoint[] }) {
  const hm = theory?.heatmap;
  const sims = points.some((p) => p.y2 !== undefined && Number.isFinite(p.y));
  const level = fig.z?.contour;
  const items: { key: string; sample: ReactNode; text: string }[] = [];
  if (
    hm &&
    level !== undefined &&
    hm.z.some((row) => row.some((v) => v > level)) &&
    hm.z.some((row) => row.some((v) => v <= level))
  )
    items.push({
      key: 'level',
      sample: <line x1="2" x2="42" y1="8" y2="8" stroke="#000" strokeWidth="2.2" />,
      text: `where the map crosses ${level} (theory)`,
    });
  if (sims && hm)
    items.push({
      key: 'ring',
      sample: (
        <g fill="none" stroke="#000">
          <circle cx="22" cy="8" r="6.5" strokeWidth="1" />
          <circle cx="22" cy="8" r="2.5" strokeWidth="1" />
        </g>
      ),
      text: 'simulation (ring colour: measured value)',
    });
  if (sims && !hm)
    items.push({
      key: 'disc',
      sample: <circle cx="22" cy="8" r="6" fill="#888" stroke="#000" />,
      text: 'simulation (mean over seeds)',
    });
  if (!items.length) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((it) => (
        <li key={it.key}>
          <svg width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
            {it.sample}
          </svg>
          {it.text}
        </li>
      ))}
    </ul>
  );
}

/**
 * Protocol legend: exactly what the chart draws for each protocol (theory line with its dash,
 * simulated marker, or both), so no entry promises a line or a marker that is not there,
 * and no information rests on colour alone.
 */
export function Legend({ fig, theory, points }: { fig: Figure; theory: TheoryResult | null; points: SimPoint[] }) {
  if (fig.kind === 'heatmap') return <MapLegend fig={fig} theory={theory} points={points} />;
  const drawn = drawnByProtocol(fig, theory, points);
  const shown = fig.protocols.filter((p) => drawn.has(p.id));
  if (!shown.length) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {shown.map((p) => {
        const d = drawn.get(p.id)!;
        const what =
          d.theory && d.sim ? 'theory line and simulated points' : d.theory ? 'theory line' : 'simulated points';
        return (
          <li key={p.id} data-legend={p.id} title={what}>
            <Sample id={p.id} drawn={d} />
            <RichText text={p.label} />
          </li>
        );
      })}
    </ul>
  );
}
