import { useId, type CSSProperties, type ReactNode } from 'react';
import type { Chapter, Figure, TheoryResult } from '../engine/core/chapter';
import type { SimPoint } from '../engine/core/simRunner';
import { useApp } from '../state/context';
import type { SimClient } from '../state/simClient';
import './charts/charts.css';
import { ControlsPanel } from './ControlsPanel';
import { EmbedBar } from './EmbedBar';
import { ExportMenu } from './ExportMenu';
import { FigureColumn } from './FigureColumn';
import { simWaitingNote, theoryNote } from './figureNotes';
import { FigureTabs, panelId, tabId } from './FigureTabs';
import { Notices } from './Notices';
import { PresetCaption } from './PresetCaption';
import { PresetMenu } from './PresetMenu';
import { Readouts } from './Readouts';
import { RunStatusBar } from './RunStatusBar';
import { SharePanel } from './SharePanel';
import { useDrawer, type Drawer } from './useDrawer';
import { useEmbedLayout, type EmbedLayout } from './useEmbedLayout';
import { useFigureData, type FigureResults } from './useFigureData';

/**
 * One figure with its tabs, presets and export, chart, legend, readouts, text
 * alternative, run status and sliders. Used by the chapter page and by embeds
 * (which size everything from the iframe: see useEmbedLayout).
 */
export function FigurePanel({ chapter, sims, embed }: { chapter: Chapter; sims: SimClient; embed: boolean }) {
  const figId = useApp((s) => s.fig);
  const big = useApp((s) => s.big);
  const controls = useApp((s) => s.controls);
  const fig = chapter.figures.find((f) => f.id === figId) ?? chapter.figures[0];
  const data = useFigureData(chapter, fig);
  const { theory, points, pending } = data;
  const layout = useEmbedLayout(embed, big);
  const compact = !!layout?.compact;
  const drawer = useDrawer();
  const drawerId = useId();
  const tabs = chapter.figures.length > 1 && !embed;
  const readouts = <Readouts items={theory?.readouts ?? []} />;
  const sliders = controls && (
    <ControlsPanel chapter={chapter} fig={fig} caption={embed ? undefined : <PresetCaption chapter={chapter} />} />
  );
  const notices = <Notices extra={theory?.notices ?? []} badge={embed} />;
  // Before the first curves, on the page, a plain sentence in the middle of the empty plot (not a corner note).
  const theoryStatus = theoryNote(pending, data.preview, pending && !theory && !embed);
  const simStatus = useSimWaiting(fig, data, embed);
  // A static slide (controls=0) shows the figure alone; with autorun=0 it keeps one Run button in its top bar
  // until run.
  const bare = embed && !controls;
  const runButton = useEmbedRunButton(chapter, fig, points.length > 0, bare, sims);

  return (
    <section
      className={panelClass(embed, big, compact, layout)}
      aria-label={embed ? undefined : 'Figure and controls'}
      style={layout ? ({ '--embed-font': `${layout.font}px` } as CSSProperties) : undefined}
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
              ? { open: drawer.open, id: drawerId, toggle: drawer.toggle, ref: drawer.toggleRef }
              : null
          }
        />
      ) : (
        <FigureToolbar chapter={chapter} fig={fig} tabs={tabs} theory={theory} points={points} />
      )}
      <div
        className={`figure-and-controls${controls && !compact ? '' : ' no-controls'}`}
        {...(tabs ? { role: 'tabpanel', id: panelId(chapter.id), 'aria-labelledby': tabId(chapter.id, fig.id) } : {})}
      >
        {/* The theory's status is shown while the curves are a stand-in blended from nearby exact results (or
            still being computed), inside the chart's box (which stays on screen on a phone); in an embed, in its
            top bar. */}
        <FigureColumn
          chapter={chapter}
          fig={fig}
          data={data}
          embed={embed}
          compact={compact}
          font={layout?.font}
          overlay={embed ? undefined : theoryStatus || simStatus}
          readouts={readouts}
        />
        {compact
          ? controls && (
              <ControlsDrawer id={drawerId} drawer={drawer}>
                {readouts}
                {sliders}
              </ControlsDrawer>
            )
          : sliders}
      </div>
      <RunStatusBar sims={sims} compact={compact} bare={bare} />
      {!embed && notices}
      {!embed && <SharePanel />}
    </section>
  );
}

function panelClass(embed: boolean, big: boolean, compact: boolean, layout: EmbedLayout | null): string {
  const large = !!layout && layout.font >= 18;
  const flags = [embed && 'embed', big && 'big', compact && 'compact', large && 'large-type'];
  return ['figure-panel', ...flags.filter(Boolean)].join(' ');
}

/** On the page, a figure that has drawn nothing and has simulations says why its plot is empty. */
function useSimWaiting(fig: Figure, data: FigureResults, embed: boolean): ReactNode {
  const running = useApp((s) => s.run.status) === 'running';
  const { theory, points, pending } = data;
  const nothingDrawn =
    !embed && !pending && !points.length && !theory?.heatmap && !theory?.series?.some((s) => s.y.some(Number.isFinite));
  return nothingDrawn && !!fig.simTasks && simWaitingNote(running);
}

/** A static slide's Run button: only while nothing has run and there is something to simulate. */
function useEmbedRunButton(chapter: Chapter, fig: Figure, hasPoints: boolean, bare: boolean, sims: SimClient) {
  const autorun = useApp((s) => s.autorun);
  const idle = useApp((s) => s.run.status) === 'idle';
  return (
    bare &&
    !autorun &&
    idle &&
    !hasPoints &&
    !!fig.simTasks &&
    !!chapter.loadSim && (
      <button type="button" className="embed-run" onClick={() => sims.runNow()}>
        Run
      </button>
    )
  );
}

/** The page's bar above the figure: its tabs (where the chapter has several figures), presets and export. */
function FigureToolbar({
  chapter,
  fig,
  tabs,
  theory,
  points,
}: {
  chapter: Chapter;
  fig: Figure;
  tabs: boolean;
  theory: TheoryResult | null;
  points: SimPoint[];
}) {
  return (
    <div className="figure-toolbar">
      {tabs && <FigureTabs chapter={chapter} />}
      <div className="toolbar-actions">
        <PresetMenu chapter={chapter} />
        <ExportMenu chapter={chapter} fig={fig} theory={theory} points={points} />
      </div>
    </div>
  );
}

/** A compact embed's readouts and sliders, in a drawer under the chart that Escape closes. */
function ControlsDrawer({ id, drawer, children }: { id: string; drawer: Drawer; children: ReactNode }) {
  return (
    <div
      id={id}
      ref={drawer.drawerRef}
      className="controls-drawer"
      hidden={!drawer.open}
      role="region"
      aria-label="Parameters"
      onKeyDown={(e) => e.key === 'Escape' && drawer.close()}
    >
      {children}
    </div>
  );
}
