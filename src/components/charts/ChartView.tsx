import { useEffect, useRef, type ReactNode } from 'react';
import type { Figure, TheoryResult } from '../../engine/core/chapter';
import type { SimPoint } from '../../engine/core/simRunner';
import { useChartSize, useHeldYDomain, useReducedMotion } from './chartHooks';
import { drawChart } from './draw';

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
  const size = useChartSize(boxRef, fill);
  const reducedMotion = useReducedMotion();
  const { lastY, holdY } = useHeldYDomain();

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
  }, [fig, theory, points, size, big, font, reducedMotion, holdY, lastY]);

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
