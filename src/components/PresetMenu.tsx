import type { Chapter } from '../engine/core/chapter';
import { useApp } from '../state/context';
import { matchingPreset } from '../state/presets';
import { MenuButton } from './MenuButton';

/** The chapter's presets, grouped by figure; choosing one sets figure and parameters (and so the link). */
export function PresetMenu({ chapter }: { chapter: Chapter }) {
  const fig = useApp((s) => s.fig);
  const params = useApp((s) => s.params);
  const applyPreset = useApp((s) => s.applyPreset);
  const replaceView = useApp((s) => s.replaceView);
  if (!chapter.presets.length) return null;
  const current = matchingPreset(chapter, fig, params);
  const figTitle = (id: string) => chapter.figures.find((f) => f.id === id)?.title ?? id;
  // Grouped under their figure, figures in tab order (a chapter may list its presets in paper order).
  const order = (id: string) => chapter.figures.findIndex((f) => f.id === id);
  const sorted = chapter.presets
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order(a.p.fig) - order(b.p.fig) || a.i - b.i)
    .map(({ p }) => p);
  const items = sorted.map((p, i) => ({
    id: p.id,
    label: p.title,
    checked: p.id === current?.id,
    group: i === 0 || sorted[i - 1].fig !== p.fig ? figTitle(p.fig) : undefined,
    // Choosing a preset leaves the guided tour (its step text would no longer describe the chart).
    onSelect: () => {
      replaceView({ step: null });
      applyPreset(p);
    },
  }));
  return (
    <MenuButton
      label={current ? `Preset: ${current.title}` : 'Presets'}
      items={items}
      radio
      className="preset-menu"
      testId="preset-menu"
    />
  );
}
