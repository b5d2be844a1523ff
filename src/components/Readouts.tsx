import type { Readout } from '../engine/core/chapter';

const fmt = (v: number) => (v === Infinity ? '∞' : v === -Infinity ? '−∞' : Number.isFinite(v) ? String(Number(v.toPrecision(3))) : '—');

/** Numbers that go with the figure (transferability at your point, KL, theory–simulation gap …). */
export function Readouts({ items }: { items: Readout[] }) {
  if (!items.length) return null;
  return (
    <dl className="readouts">
      {items.map((r) => (
        <div key={r.label}>
          <dt>{r.label}</dt>
          <dd>
            {fmt(r.value)}
            {r.unit ? ` ${r.unit}` : ''}
          </dd>
        </div>
      ))}
    </dl>
  );
}
