import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Chapter } from '../engine/core/chapter';
import { useApp } from '../state/context';
import type { SimClient } from '../state/simClient';
import './charts/charts.css';
import { chartSummary } from './charts/summary';
import { ChartView } from './charts/ChartView';
import { ControlsPanel } from './ControlsPanel';
import { DataTable } from './DataTable';
import { EmbedBar } from './EmbedBar';
import { ExportMenu } from './ExportMenu';
import { FigureTabs, panelId, tabId } from './FigureTabs';
import { RichText, useGlossary } from './Glossary';
import { Legend } from './Legend';
import { Notices } from './Notices';
import { PresetCaption } from './PresetCaption';
import { PresetMenu } from './PresetMenu';
import { Readouts } from './Readouts';
import { RunStatusBar } from './RunStatusBar';
import { SharePanel } from './SharePanel';
import { inlineHtml, useTexReady } from './tex';
import { useEmbedLayout } from './useEmbedLayout';
import { useFigureData } from './useFigureData';

/**
 * One figure with its tabs, presets and export, chart, legend, readouts, text
 * alternative, run status and sliders. Used by the chapter page and by embeds
 * (which size everything from the iframe: see useEmbedLayout).
 */
export function FigurePanel({ chapter, sims, embed }: { chapter: Chapter; sims: SimClient; embed: boolean }) {
  const figId = useApp((s) => s.fig);
  const big = useApp((s) => s.big);
  const controls = useApp((s) => s.controls);
  const autorun = useApp((s) => s.autorun);
  const runStatus = useApp((s) => s.run.status);
  const params = useApp((s) => s.params);
  const seed = useApp((s) => s.seed);
  const fig = chapter.figures.find((f) => f.id === figId) ?? chapter.figures[0];
  const { theory, points, pending, preview } = useFigureData(chapter, fig);
  const layout = useEmbedLayout(embed, big);
  const compact = !!layout?.compact;
  const [drawer, setDrawer] = useState(false);
  const drawerRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // Opening the drawer moves focus to its first control; Escape closes it and focus returns to the toggle.
  useEffect(() => {
    // The first slider or menu (not a term's glossary button in the readouts above them).
    if (drawer)
      (
        drawerRef.current?.querySelector<HTMLElement>('input, select') ??
        drawerRef.current?.querySelector<HTMLElement>('button')
      )?.focus();
  }, [drawer]);
  const closeDrawer = () => {
    setDrawer(false);
    toggleRef.current?.focus();
  };
  const summaryId = useId();
  const tex = useTexReady();
  const gloss = useGlossary();
  const caption = useMemo(() => (embed ? '' : inlineHtml(fig.caption, gloss)), [fig, gloss, embed, tex]);
  const drawerId = useId();
  const summary = useMemo(() => chartSummary(fig, theory, points, params), [fig, theory, points, params]);
  const tabs = chapter.figures.length > 1 && !embed;
  const style = layout ? ({ '--embed-font': `${layout.font}px` } as CSSProperties) : undefined;
  const readouts = <Readouts items={theory?.readouts ?? []} />;
  const sliders = controls && (
    <ControlsPanel chapter={chapter} fig={fig} caption={embed ? undefined : <PresetCaption chapter={chapter} />} />
  );
  const notices = <Notices extra={theory?.notices ?? []} badge={embed} />;
  // Before the first curves, on the page, a plain sentence in the middle of the empty plot (not a corner note).
  const waiting = pending && !theory && !embed;
  const theoryStatus = pending && (
    <span className={waiting ? 'theory-updating waiting' : 'theory-updating'} aria-hidden="true">
      {preview ? 'theory: preview, refining…' : waiting ? 'Computing the theory curves…' : 'computing theory…'}
    </span>
  );
  // A figure without theory (networks only) is an empty plot until its first point: say why, on the page.
  const nothingDrawn =
    !embed && !pending && !points.length && !theory?.heatmap && !theory?.series?.some((s) => s.y.some(Number.isFinite));
  const simStatus = nothingDrawn && !!fig.simTasks && (
    <span className="theory-updating waiting" data-testid="sim-waiting">
      {runStatus === 'running'
        ? 'Training networks in your browser: each point appears when its networks are trained.'
        : 'This figure has no theory: its points are networks trained in your browser. Press Run below to train them.'}
    </span>
  );
  // A static slide (controls=0) shows the figure alone; with autorun=0 it keeps one Run button in its top bar until run.
  const bare = embed && !controls;
  const runButton = bare &&
    !autorun &&
    runStatus === 'idle' &&
    !points.length &&
    !!fig.simTasks &&
    !!chapter.loadSim && (
      <button type="button" className="embed-run" onClick={() => sims.runNow()}>
        Run
      </button>
    );

  return (
    <section
      className={`figure-panel${embed ? ' embed' : ''}${big ? ' big' : ''}${compact ? ' compact' : ''}${layout && layout.font >= 18 ? ' large-type' : ''}`}
      aria-label={embed ? undefined : 'Figure and controls'}
      style={style}
      data-type-size={layout?.font}
    >
      {embed ? (
        <EmbedBar
          chapter={chapter}
          fig={fig}
          notices={notices}
          status={theoryStatus || undefined}
          run={runButton || undefined}
          drawer={
            compact && controls
              ? { open: drawer, id: drawerId, toggle: () => setDrawer(!drawer), ref: toggleRef }
              : null
          }
        />
      ) : (
        <div className="figure-toolbar">
          {tabs && <FigureTabs chapter={chapter} />}
          <div className="toolbar-actions">
            <PresetMenu chapter={chapter} />
            <ExportMenu chapter={chapter} fig={fig} theory={theory} points={points} />
          </div>
        </div>
      )}
      <div
        className={`figure-and-controls${controls && !compact ? '' : ' no-controls'}`}
        {...(tabs ? { role: 'tabpanel', id: panelId(chapter.id), 'aria-labelledby': tabId(chapter.id, fig.id) } : {})}
      >
        <div className="figure-column">
          {/* Without sliders the preset's caption goes above the chart (with them, beside it: ControlsPanel). */}
          {!embed && !controls && <PresetCaption chapter={chapter} />}
          <figure
            data-chart={`${chapter.id}:${fig.id}`}
            aria-busy={pending}
            data-theory={preview ? 'preview' : pending ? 'pending' : 'exact'}
          >
            {/* Shown while the curves are a stand-in blended from nearby exact results (or still being computed), inside
                the chart's box (which stays on screen on a phone); in an embed, in its top bar. */}
            <ChartView
              overlay={embed ? undefined : theoryStatus || simStatus}
              fig={fig}
              theory={theory}
              points={points}
              big={big}
              fill={embed}
              font={layout?.font}
              describedBy={summaryId}
            />
            <Legend fig={fig} theory={theory} points={points} />
            {!compact && readouts}
            {!embed && <figcaption dangerouslySetInnerHTML={{ __html: caption }} />}
          </figure>
          {/* The chart's text alternative (the svg's aria-describedby): visible on the page, for screen readers only in embeds. */}
          <p
            id={summaryId}
            className={embed ? 'chart-summary visually-hidden' : 'chart-summary'}
            data-testid="chart-summary"
          >
            {!embed && <span className="summary-label">In words: </span>}
            <RichText text={summary} />
          </p>
          {!embed && (
            <DataTable chapter={chapter} fig={fig} theory={theory} points={points} params={params} seed={seed} />
          )}
        </div>
        {compact
          ? controls && (
              <div
                id={drawerId}
                ref={drawerRef}
                className="controls-drawer"
                hidden={!drawer}
                role="region"
                aria-label="Parameters"
                onKeyDown={(e) => e.key === 'Escape' && closeDrawer()}
              >
                {readouts}
                {sliders}
              </div>
            )
          : sliders}
      </div>
      <RunStatusBar sims={sims} compact={compact} bare={bare} />
      {!embed && notices}
      {!embed && <SharePanel />}
    </section>
  );
}
