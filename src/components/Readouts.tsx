import type { Readout } from '../engine/core/chapter';
import { formatWithError } from './formatNumber';
import { SymbolText } from './Glossary';

/**
 * Numbers that go with the figure (transferability at your point, KL, theory–simulation gap …);
 * a measured number to the precision of its error bar, symbols in the labels as glossary terms.
 */
export function Readouts({ items }: { items: Readout[] }) {
  if (!items.length) return null;
  return (
    <dl className="readouts">
      {items.map((r) => (
        <div key={r.label}>
          <dt>
            <SymbolText text={r.label} />
          </dt>
          <dd>
            {formatWithError(r.value, r.err)}
            {r.unit ? ` ${r.unit}` : ''}
          </dd>
        </div>
      ))}
    </dl>
  );
}
