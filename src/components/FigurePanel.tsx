import type { Chapter } from '../engine/core/chapter';
import { useApp } from '../state/context';
import type { SimClient } from '../state/simClient';
import { ChartView } from './charts/ChartView';
import { ControlsPanel } from './ControlsPanel';
import { Legend } from './Legend';
import { Notices } from './Notices';
import { Readouts } from './Readouts';
import { RunStatusBar } from './RunStatusBar';
import { SharePanel } from './SharePanel';
import { inlineHtml } from './tex';
import { useFigureData } from './useFigureData';

/** One figure with its tabs, chart, legend, readouts, run status and sliders. Used by the chapter page and embeds. */
export function FigurePanel({ chapter, sims, embed }: { chapter: Chapter; sims: SimClient; embed: boolean }) {
  const figId = useApp((s) => s.fig);
  const setFig = useApp((s) => s.setFig);
  const big = useApp((s) => s.big);
  const controls = useApp((s) => s.controls);
  const fig = chapter.figures.find((f) => f.id === figId) ?? chapter.figures[0];
  const { theory, points, pending } = useFigureData(chapter, fig);
  return (
    <section className={`figure-panel${embed ? ' embed' : ''}${big ? ' big' : ''}`} aria-label="figure and controls">
      {chapter.figures.length > 1 && !embed && (
        <div className="fig-tabs" role="tablist" aria-label="figures">
          {chapter.figures.map((f) => (
            <button key={f.id} type="button" role="tab" aria-selected={f.id === fig.id} className={f.id === fig.id ? 'active' : ''} onClick={() => setFig(f.id)}>
              {f.title}
            </button>
          ))}
        </div>
      )}
      <div className="figure-and-controls">
        <figure data-chart={`${chapter.id}:${fig.id}`} aria-busy={pending}>
          <ChartView fig={fig} theory={theory} points={points} big={big} fill={embed} />
          <Legend fig={fig} />
          <Readouts items={theory?.readouts ?? []} />
          {!embed && <figcaption dangerouslySetInnerHTML={{ __html: inlineHtml(fig.caption) }} />}
        </figure>
        {controls && <ControlsPanel chapter={chapter} fig={fig} />}
      </div>
      <RunStatusBar sims={sims} />
      <Notices extra={theory?.notices ?? []} />
      {!embed && <SharePanel />}
    </section>
  );
}
