import type { Chapter, Figure } from '../engine/core/chapter';
import { useApp } from '../state/context';
import { ParamControl } from './ParamControl';

/** Sliders for the parameters this figure uses (from the schema), model knobs first. */
export function ControlsPanel({ chapter, fig }: { chapter: Chapter; fig: Figure }) {
  const params = useApp((s) => s.params);
  const setParam = useApp((s) => s.setParam);
  const visible = chapter.schema.filter((p) => (fig.params ? fig.params.includes(p.name) : !p.usedBy || p.usedBy.includes(fig.id)));
  const groups = [
    { id: 'model', title: 'Model', specs: visible.filter((p) => p.group !== 'simulation') },
    { id: 'simulation', title: 'Simulation', specs: visible.filter((p) => p.group === 'simulation') },
  ];
  return (
    <div className="controls" aria-label="parameters">
      {groups.map((g) =>
        g.specs.length ? (
          <fieldset key={g.id}>
            <legend>{g.title}</legend>
            {g.specs.map((spec) => (
              <ParamControl key={spec.name} spec={spec} value={params[spec.name]} onChange={(v) => setParam(spec.name, v)} />
            ))}
          </fieldset>
        ) : null,
      )}
    </div>
  );
}
