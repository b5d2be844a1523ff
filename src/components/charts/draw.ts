/** One entry point for every chart kind, shared by the live chart, gallery thumbnails and the SVG/PNG export. */
import { drawHeatmap } from './heatmapChart';
import { drawLineChart, type ChartInput } from './lineChart';

export type { ChartInput };

export function drawChart(svg: SVGSVGElement, input: ChartInput) {
  if (input.fig.kind === 'heatmap') drawHeatmap(svg, input);
  else drawLineChart(svg, input);
}
