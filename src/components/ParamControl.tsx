import { useId } from 'react';
import {
  formatValue,
  fromSlider,
  show,
  toSlider,
  SLIDER_STEPS,
  type ParamSpec,
  type ParamValue,
} from '../engine/core/schema';
import { findEntry } from '../engine/core/guide';
import { GlossaryTerm, useGlossary } from './Glossary';
import { useTexReady } from './tex';

/**
 * One control generated from the schema: a range slider for numbers (log
 * parameters move on a log scale through positions), a select for choices.
 * The accessible name carries label and unit; aria-valuetext the value with unit.
 * The symbol is a glossary term (meaning, unit, range on hover and focus);
 * `highlight` marks the slider the guided tour asks the reader to move.
 */
export function ParamControl({
  spec,
  value,
  onChange,
  highlight,
}: {
  spec: ParamSpec;
  value: ParamValue;
  onChange: (v: ParamValue) => void;
  highlight?: boolean;
}) {
  const id = useId();
  useTexReady();
  const glossary = useGlossary();
  const entry = spec.kind === 'number' && spec.symbol ? findEntry(glossary, spec.symbol) : undefined;
  const cls = `control${highlight ? ' tour-target' : ''}`;
  const helpId = `${id}-help`;
  if (spec.kind === 'choice') {
    return (
      <div className={cls} data-param={spec.name}>
        <label htmlFor={id}>{spec.label}</label>
        <select
          id={id}
          name={spec.name}
          value={String(value)}
          aria-describedby={helpId}
          title={spec.description}
          onChange={(e) => onChange(e.target.value)}
        >
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <span id={helpId} className="help" role="note">
          {spec.description}
        </span>
      </div>
    );
  }
  const v = value as number;
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const native = !spec.log;
  return (
    <div className={cls} data-param={spec.name}>
      <div className="control-head">
        <label htmlFor={id} className="label-text">
          {spec.label}
        </label>
        {entry && <GlossaryTerm entry={entry} />}
        <output htmlFor={id} className="value">
          {show(spec, v)}
        </output>
      </div>
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
      <span id={helpId} className="help" role="note">
        {spec.description}
      </span>
    </div>
  );
}
