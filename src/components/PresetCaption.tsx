import { useMemo } from 'react';
import type { Chapter } from '../engine/core/chapter';
import { useApp } from '../state/context';
import { matchingPreset } from '../state/presets';
import { useGlossary } from './Glossary';
import { inlineHtml, useTexReady } from './tex';

/**
 * What the preset on screen reproduces (typeset); disappears as soon as the reader moves away from it, and during a
 * tour step.
 */
export function PresetCaption({ chapter }: { chapter: Chapter }) {
  const fig = useApp((s) => s.fig);
  const params = useApp((s) => s.params);
  const step = useApp((s) => s.step ?? null);
  const preset = matchingPreset(chapter, fig, params);
  const tex = useTexReady();
  const gloss = useGlossary();
  const html = useMemo(() => (preset ? inlineHtml(preset.caption, gloss) : ''), [preset, gloss, tex]);
  // During a tour step the step's own text says what to look at (one caption, so the chart stays on the first screen).
  if (!preset || step) return null;
  return (
    <p className="preset-caption" data-testid="preset-caption" data-preset={preset.id}>
      <strong>{preset.title}.</strong> <span dangerouslySetInnerHTML={{ __html: html }} />
    </p>
  );
}
