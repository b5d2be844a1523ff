import { useId, useMemo, type ReactNode } from 'react';
import type { Chapter, Figure } from '../engine/core/chapter';
import { useApp } from '../state/context';
import { chartSummary } from './charts/summary';
import { ChartView } from './charts/ChartView';
import { DataTable } from './DataTable';
import { RichText, useGlossary } from './Glossary';
import { Legend } from './Legend';
import { PresetCaption } from './PresetCaption';
import { inlineHtml, useTexReady } from './tex';
import type { FigureResults } from './useFigureData';

/**
 * The figure itself: the chart with its legend, readouts and caption, its text alternative, and (on the page)
 * the data table. `overlay` is a status shown inside the chart's box; `font` the embed's type size.
 */
export function FigureColumn({
  chapter,
  fig,
  data,
  embed,
  compact,
  font,
  overlay,
  readouts,
}: {
  chapter: Chapter;
  fig: Figure;
  data: FigureResults;
  embed: boolean;
  compact: boolean;
  font: number | undefined;
  overlay: ReactNode;
  readouts: ReactNode;
}) {
  const { theory, points, pending, preview } = data;
  const big = useApp((s) => s.big);
  const controls = useApp((s) => s.controls);
  const params = useApp((s) => s.params);
  const seed = useApp((s) => s.seed);
  const summaryId = useId();
  const tex = useTexReady();
  const gloss = useGlossary();
  // `tex` is a dependency only: the caption is typeset again once KaTeX has loaded.
  const caption = useMemo(() => (embed ? '' : inlineHtml(fig.caption, gloss)), [fig, gloss, embed, tex]);
  const summary = useMemo(() => chartSummary(fig, theory, points, params), [fig, theory, points, params]);
  return (
    <div className="figure-column">
      {/* Without sliders the preset's caption goes above the chart (with them, beside it: ControlsPanel). */}
      {!embed && !controls && <PresetCaption chapter={chapter} />}
      <figure
        data-chart={`${chapter.id}:${fig.id}`}
        aria-busy={pending}
        data-theory={preview ? 'preview' : pending ? 'pending' : 'exact'}
      >
        <ChartView
          overlay={overlay}
          fig={fig}
          theory={theory}
          points={points}
          big={big}
          fill={embed}
          font={font}
          describedBy={summaryId}
        />
        <Legend fig={fig} theory={theory} points={points} />
        {!compact && readouts}
        {!embed && <figcaption dangerouslySetInnerHTML={{ __html: caption }} />}
      </figure>
      {/* The chart's text alternative (the svg's aria-describedby): visible on the page, for screen readers
          only in embeds. */}
      <p
        id={summaryId}
        className={embed ? 'chart-summary visually-hidden' : 'chart-summary'}
        data-testid="chart-summary"
      >
        {!embed && <span className="summary-label">In words: </span>}
        <RichText text={summary} />
      </p>
      {!embed && <DataTable chapter={chapter} fig={fig} theory={theory} points={points} params={params} seed={seed} />}
    </div>
  );
}
