import { useState } from 'react';
import type { Chapter, Figure, TheoryResult } from '../engine/core/chapter';
import type { SimPoint } from '../engine/core/simRunner';
import { provenance } from '../engine/core/export';
import { useAppStore } from '../state/context';
import { matchingPreset } from '../state/presets';
import { pageLink } from './embedSnippet';
import type { ExportKind } from './export';
import { MenuButton } from './MenuButton';

const KINDS: { id: ExportKind; label: string }[] = [
  { id: 'svg', label: 'SVG (vector)' },
  { id: 'png2', label: 'PNG, 2× resolution' },
  { id: 'png4', label: 'PNG, 4× resolution' },
  { id: 'csv', label: 'Data as CSV' },
  { id: 'json', label: 'Data as JSON' },
];

/** Figure and data export; the export code itself loads on first use. */
export function ExportMenu({
  chapter,
  fig,
  theory,
  points,
}: {
  chapter: Chapter;
  fig: Figure;
  theory: TheoryResult | null;
  points: SimPoint[];
}) {
  const store = useAppStore();
  const [message, setMessage] = useState('');
  const run = async (kind: ExportKind) => {
    const state = store.getState();
    const { params, seed } = state;
    const preset = matchingPreset(chapter, fig.id, params);
    const prov = provenance(chapter, fig, params, points.length ? seed : undefined, pageLink(state), preset);
    try {
      const { runExport } = await import('./export');
      const name = await runExport(kind, { chapter, fig, theory, points, params, seed, provenance: prov });
      setMessage(`Saved ${name}.`);
    } catch (err) {
      setMessage(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const waiting = !theory && fig.theoryCost === 'worker';
  return (
    <div className="export">
      <MenuButton
        label="Export"
        testId="export-menu"
        items={KINDS.map((k) => ({ id: k.id, label: k.label, disabled: waiting, onSelect: () => run(k.id) }))}
      />
      <span className="visually-hidden" role="status">
        {message}
      </span>
    </div>
  );
}
