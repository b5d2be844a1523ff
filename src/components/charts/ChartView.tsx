import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Figure, TheoryResult } from '../../engine/core/chapter';
import type { SimPoint } from '../../engine/core/simRunner';
import { drawChart } from './draw';

const reducedMotionQuery = () =>
  typeof window !== 'undefined' ? window.matchMedia?.('(prefers-reduced-motion: reduce)') : undefined;

/** React owns the <svg>; the D3 draw functions own what is inside. Redraws on data or size change. */
export function ChartView({
  fig,
  theory,
  points,
  big,
  fill,
  font,
  describedBy,
  overlay,
}: {
  fig: Figure;
  theory: TheoryResult | null;
  points: SimPoint[];
  big: boolean;
  fill: boolean;
  font?: number;
  describedBy?: string;
  /** A status shown inside the chart's box (the page's "computing theory…"). */
  overlay?: ReactNode;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState({ width: 640, height: 400 });
  const [reducedMotion, setReducedMotion] = useState(() => !!reducedMotionQuery()?.matches);
  // While a slider is dragged the y-axis keeps the range it had when the drag began, so the
  // curves move against steady axes; it re-fits when the pointer is released.
  const lastY = useRef<[number, number] | null>(null);
  const [holdY, setHoldY] = useState<[number, number] | null>(null);
  useEffect(() => {
    const down = (e: PointerEvent) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'range' && lastY.current) setHoldY(lastY.current);
    };
    const up = () => setHoldY(null);
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', up, true);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', up, true);
    };
  }, []);

  useEffect(() => {
    const q = reducedMotionQuery();
    if (!q) return;
    const on = () => setReducedMotion(q.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    // On the page the chart is as tall as 0.62 of its width, between 260 and 480 px, and at most 55% of the
    // window's height, so that on a laptop screen (1280×800) the chart and its legend fit below the page's header.
    const measure = () => {
      const w = Math.max(200, el.clientWidth);
      const h = fill
        ? Math.max(110, el.clientHeight)
        : Math.round(Math.min(480, Math.max(260, w * 0.62), Math.max(260, window.innerHeight * 0.55)));
      setSize((s) => (s.width === w && s.height === h ? s : { width: w, height: h }));
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (!fill) window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [fill]);

  useEffect(() => {
    if (!svgRef.current) return;
    const drawn = drawChart(svgRef.current, {
      fig,
      theory,
      points,
      width: size.width,
      height: size.height,
      big,
      font,
      animate: !reducedMotion,
      holdY: holdY ?? undefined,
    });
    lastY.current = drawn?.yDomain ?? null;
  }, [fig, theory, points, size, big, font, reducedMotion, holdY]);

  return (
    <div ref={boxRef} className={fill ? 'chart-box fill' : 'chart-box'}>
      <svg
        ref={svgRef}
        role="img"
        aria-label={`${fig.title}: ${fig.y.label} against ${fig.x.label}`}
        aria-describedby={describedBy}
        xmlns="http://www.w3.org/2000/svg"
      />
      {overlay}
    </div>
  );
}
