import type { ReactNode } from 'react';
import { EMBED_SIZES, type EmbedOptions } from './embedSnippet';

type Patch = (patch: Partial<EmbedOptions>) => void;
type Flag = 'big' | 'controls' | 'autorun';

/** The embed dialog's choices: the frame's size, then the three on/off options of the link. */
export function EmbedChoices({ opts, set }: { opts: EmbedOptions; set: Patch }) {
  return (
    <>
      <fieldset>
        <legend>Frame size</legend>
        {EMBED_SIZES.map((s) => (
          <label key={s.id}>
            <input
              type="radio"
              name="embed-size"
              value={s.id}
              checked={opts.size === s.id}
              onChange={() => set({ size: s.id })}
            />{' '}
            {s.label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Options</legend>
        <OptionBox flag="big" opts={opts} set={set}>
          Large type (projector)
        </OptionBox>
        <OptionBox flag="controls" opts={opts} set={set}>
          Show sliders
        </OptionBox>
        <OptionBox flag="autorun" opts={opts} set={set}>
          Run simulations automatically
        </OptionBox>
      </fieldset>
    </>
  );
}

/** One on/off option; its input is named `embed-<flag>` (tests and autofill find it by that name). */
function OptionBox({ flag, opts, set, children }: { flag: Flag; opts: EmbedOptions; set: Patch; children: ReactNode }) {
  return (
    <label>
      <input
        type="checkbox"
        name={`embed-${flag}`}
        checked={opts[flag]}
        onChange={(e) => set({ [flag]: e.target.checked })}
      />{' '}
      {children}
    </label>
  );
}
