import { useId } from 'react';
import { formatValue, fromSlider, show, toSlider, SLIDER_STEPS, type ParamSpec, type ParamValue } from '../engine/core/schema';
import { inlineHtml, useTexReady } from './tex';

/**
 * One control generated from the schema: a range slider for numbers (log
 * parameters move on a log scale through positions), a select for choices.
 * The accessible name carries label and unit; aria-valuetext the value with unit.
 */
export function ParamControl({ spec, value, onChange }: { spec: ParamSpec; value: ParamValue; onChange: (v: ParamValue) => void }) {
  const id = useId();
  useTexReady();
  const helpId = `${id}-help`;
  if (spec.kind === 'choice') {
    return (
      <div className="control">
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} name={spec.name} value={String(value)} aria-describedby={helpId} title={spec.description} onChange={(e) => onChange(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <span id={helpId} className="help" role="note">{spec.description}</span>
      </div>
    );
  }
  const v = value as number;
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const native = !spec.log;
  return (
    <div className="control">
      <label htmlFor={id}>
        <span className="label-text">{spec.label}</span>
        {spec.symbol && <span className="symbol" aria-hidden="true" dangerouslySetInnerHTML={{ __html: inlineHtml(`$${spec.symbol}$`) }} />}
        <output htmlFor={id} className="value">{show(spec, v)}</output>
      </label>
      <input
        id={id}
        type="range"
        name={spec.name}
        min={native ? spec.min : 0}
        max={native ? spec.max : SLIDER_STEPS}
        step={native ? spec.step : 1}
        value={native ? v : toSlider(spec, v)}
        aria-label={`${spec.label}${spec.unit ? ` (${spec.unit})` : ''}`}
        aria-valuetext={`${formatValue(spec, v)}${unit}`}
        aria-describedby={helpId}
        title={spec.description}
        data-log={spec.log ? '1' : undefined}
        onChange={(e) => {
          const raw = Number(e.target.value);
          onChange(native ? raw : fromSlider(spec, raw));
        }}
      />
      <span id={helpId} className="help" role="note">{spec.description}</span>
    </div>
  );
}
