import { useEffect, useRef, useState } from 'react';
import type { Chapter, Figure, Preset, TheoryResult } from '../engine/core/chapter';
import { presetParams } from '../state/presets';
import { thumbTheory } from '../state/thumbTheory';
import { drawChart } from './charts/draw';

const W = 280;
const H = 172;

/** A small live chart of a preset's theory, computed when it scrolls into view. */
export function GalleryThumb({ chapter, fig, preset }: { chapter: Chapter; fig: Figure; preset: Preset }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [visible, setVisible] = useState(false);
  const [state, setState] = useState<{ theory: TheoryResult | null; error?: string }>({ theory: null });

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setVisible(true);
          io.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    if (!visible) return;
    let live = true;
    thumbTheory(chapter, fig, presetParams(chapter, preset)).then(
      (theory) => live && setState({ theory }),
      (err) => live && setState({ theory: null, error: String(err) }),
    );
    return () => {
      live = false;
    };
  }, [visible, chapter, fig, preset]);

  useEffect(() => {
    if (svgRef.current)
      drawChart(svgRef.current, {
        fig,
        theory: state.theory,
        points: [],
        width: W,
        height: H,
        big: false,
        animate: false,
        font: 10,
        thumb: true,
      });
  }, [fig, state]);

  const empty = state.theory && !state.theory.series?.length && !state.theory.heatmap;
  const status = state.error
    ? 'theory failed'
    : !visible
      ? ''
      : !state.theory
        ? 'computing theory…'
        : empty
          ? 'simulation only: open to run it'
          : '';
  return (
    <div
      ref={boxRef}
      className="thumb"
      data-thumb={`${chapter.id}:${preset.id}`}
      data-state={state.theory ? 'ready' : 'pending'}
    >
      <svg ref={svgRef} width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false" />
      {status && <span className="thumb-status">{status}</span>}
    </div>
  );
}
