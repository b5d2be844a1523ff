/** One entry point for every chart kind, shared by the live chart, gallery thumbnails and the SVG/PNG export. */
import { drawHeatmap } from './heatmapChart';
import { drawLineChart, type ChartInput, type LineChartResult } from './lineChart';

export type { ChartInput };

/**
 * Draw a figure into an <svg>. A different figure starts from an empty <svg>: the layers of
 * the previous one (its points, marks or colour bar) never linger beside the new chart.
 */
export function drawChart(svg: SVGSVGElement, input: ChartInput): LineChartResult | null {
  const key = `${input.fig.kind}:${input.fig.id}`;
  if (svg.dataset.figure !== key) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.dataset.figure = key;
  }
  if (input.fig.kind === 'heatmap') {
    drawHeatmap(svg, input);
    return null;
  }
  return drawLineChart(svg, input);
}
