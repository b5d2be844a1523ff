/**
 * Layout layer: margins from the labels they must hold (the widest y tick,
 * half of the last x tick, the axis titles, a colour bar), so that no chart
 * text falls outside the frame at any size.
 */
import * as d3 from 'd3';
import { LINE_EM, TEXT, TICK, textWidth } from './theme';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotBox {
  m: Margins;
  /** Plot area size. */
  w: number;
  h: number;
}

export type Scale = d3.ScaleContinuousNumeric<number, number>;

/**
 * Only a real log scale gets '~g' (a linear scale would turn it into "1e+1"); log axes get plain numbers (0.1, not
 * 100m).
 */
export function tickFormat(s: Scale): string | undefined {
  return 'base' in s ? '~g' : undefined;
}

export function xTickCount(w: number, font: number, thumb: boolean): number {
  return Math.max(2, Math.round(w / ((thumb ? 3.5 : 6.5) * font)));
}
export function yTickCount(h: number, font: number, thumb: boolean): number {
  return Math.max(2, Math.round(h / ((thumb ? 2.5 : 3.8) * font)));
}

/** Tick labels d3 will draw for a scale (same count and format as the axes layer). */
export function tickLabels(s: Scale, count: number): string[] {
  const f = s.tickFormat(count, tickFormat(s));
  return s.ticks(count).map((v) => f(v));
}

/**
 * Margins for a plot in a width × height frame. `yLabels`/`xLabels` are the tick
 * labels (estimated first on a rough plot size); `extraRight` is room for a colour bar.
 */
export function plotBox(
  width: number,
  height: number,
  font: number,
  thumb: boolean,
  yLabels: string[],
  xLabels: string[],
  extraRight = 0,
): PlotBox {
  const tick = TEXT.tick * font;
  const widestY = Math.max(0, ...yLabels.map((s) => textWidth(s, tick)));
  const lastX = xLabels.length ? textWidth(xLabels[xLabels.length - 1], tick) / 2 : 0;
  const title = thumb ? 0 : LINE_EM * TEXT.axisTitle * font + 4;
  const m: Margins = {
    top: Math.ceil(0.6 * tick + 2),
    right: Math.ceil(Math.max(0.6 * font, lastX + 2) + extraRight),
    bottom: Math.ceil(TICK + 3 + LINE_EM * tick + title),
    left: Math.ceil(TICK + 4 + widestY + title),
  };
  return { m, w: Math.max(10, width - m.left - m.right), h: Math.max(10, height - m.top - m.bottom) };
}
