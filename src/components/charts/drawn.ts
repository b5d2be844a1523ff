/**
 * What a line figure actually draws per protocol, so that the legend (page and
 * export) shows exactly that: a theory line, simulated marks, and the thin
 * line that joins the marks of a simulation-only series.
 */
import type { Figure, TheoryResult } from '../../engine/core/chapter';
import type { SimPoint } from '../../engine/core/simRunner';
import { protocolOf } from './styleMap';

export interface Drawn {
  theory: boolean;
  sim: boolean;
  join: boolean;
}

/** Simulation-only series joined by a thin line: line figures only (scatter points stay unjoined), ≥ 2 points. */
export function joinedSeries(fig: Figure, theory: TheoryResult | null, points: SimPoint[]): Set<string> {
  if (fig.kind !== 'line') return new Set();
  const withTheory = new Set(
    (theory?.series ?? []).filter((s) => s.y.some(Number.isFinite)).map((s) => protocolOf(s.id)),
  );
  const count = new Map<string, number>();
  for (const p of points)
    if (Number.isFinite(p.x) && Number.isFinite(p.y)) count.set(p.series, (count.get(p.series) ?? 0) + 1);
  return new Set([...count].filter(([id, n]) => n > 1 && !withTheory.has(protocolOf(id))).map(([id]) => id));
}

export function drawnByProtocol(fig: Figure, theory: TheoryResult | null, points: SimPoint[]): Map<string, Drawn> {
  const out = new Map<string, Drawn>();
  const get = (proto: string) => {
    if (!out.has(proto)) out.set(proto, { theory: false, sim: false, join: false });
    return out.get(proto)!;
  };
  if (fig.kind === 'heatmap') return out;
  for (const s of theory?.series ?? []) if (s.y.some(Number.isFinite)) get(protocolOf(s.id)).theory = true;
  for (const p of points) if (Number.isFinite(p.x) && Number.isFinite(p.y)) get(protocolOf(p.series)).sim = true;
  for (const id of joinedSeries(fig, theory, points)) get(protocolOf(id)).join = true;
  return out;
}
