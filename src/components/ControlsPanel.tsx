import { useState, type ReactNode } from 'react';
import type { Chapter, Figure } from '../engine/core/chapter';
import { splitSliders } from '../engine/core/guide';
import { defaults, type ParamSpec } from '../engine/core/schema';
import { useApp } from '../state/context';
import { tourSteps } from '../state/tour';
import { SymbolText } from './Glossary';
import { ParamControl } from './ParamControl';

/**
 * Sliders for the parameters this figure uses (from the schema). The few that
 * tell the figure's story come first (the chapter guide's primary list, and the
 * slider the tour step asks to move, highlighted); the rest fold under "more",
 * model knobs before simulation settings. A link that sets a folded parameter
 * opens the fold, so what the link changed is on screen. `caption` (the preset's, on the page) sits above the
 * sliders, beside the chart, so that on a laptop screen the chart starts right under its tabs; on a phone it
 * moves under the first sliders (CSS), so that chart and sliders come first.
 */
export function ControlsPanel({ chapter, fig, caption }: { chapter: Chapter; fig: Figure; caption?: ReactNode }) {
  const params = useApp((s) => s.params);
  const setParam = useApp((s) => s.setParam);
  const stepN = useApp((s) => s.step ?? null);
  const step = stepN ? tourSteps(chapter)[stepN - 1] : undefined;
  const move = step?.move;
  const { primary, more } = splitSliders(chapter, fig.id, move);
  const spec = (n: string) => chapter.schema.find((p) => p.name === n) as ParamSpec;
  const moreSpecs = more.map(spec);
  const [open, setOpen] = useState(() => {
    const d = defaults(chapter.schema);
    return moreSpecs.some((s) => params[s.name] !== d[s.name]);
  });
  const control = (s: ParamSpec) => (
    <ParamControl
      key={s.name}
      spec={s}
      value={params[s.name]}
      highlight={s.name === move}
      onChange={(v) => setParam(s.name, v)}
    />
  );
  const groups = [
    { id: 'model', title: 'Model', specs: moreSpecs.filter((p) => p.group !== 'simulation') },
    { id: 'simulation', title: 'Simulation', specs: moreSpecs.filter((p) => p.group === 'simulation') },
  ];
  return (
    <div className="controls" aria-label="parameters" data-testid="controls">
      {/* The axes' symbols with their glossary entries, next to the sliders that move them (the chart's SVG labels
          cannot take focus). */}
      <p className="axis-terms" data-testid="axis-terms">
        <span className="axis-name">x:</span> <SymbolText text={fig.x.label} />
        <br />
        <span className="axis-name">y:</span> <SymbolText text={fig.y.label} />
        {fig.z && (
          <>
            <br />
            <span className="axis-name">colour:</span> <SymbolText text={fig.z.label} />
          </>
        )}
      </p>
      {caption}
      <fieldset className="primary-controls">
        <legend>{more.length ? 'Move these first' : 'Parameters'}</legend>
        {primary.map((n) => control(spec(n)))}
      </fieldset>
      {more.length > 0 && (
        <details className="more-controls" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>More parameters ({more.length})</summary>
          {groups.map((g) =>
            g.specs.length ? (
              <fieldset key={g.id}>
                <legend>{g.title}</legend>
                {g.specs.map(control)}
              </fieldset>
            ) : null,
          )}
        </details>
      )}
    </div>
  );
}
