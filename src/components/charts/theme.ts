/**
 * Named sizes and colours of every chart. Sizes are in units of the chart's
 * base type size (`font`, px) or of `k = font / 12`, so a projector slide
 * (big type) keeps the same proportions as the page.
 */
import type { Figure, TheoryResult } from '../../engine/core/chapter';
import type { SimPoint } from '../../engine/core/simRunner';

/** Base type size: page charts, `big=1` charts, gallery thumbnails. */
export const FONT = { page: 13, big: 20, thumb: 10 } as const;

/** Text sizes relative to the base size (tick labels are the base size: ≥ 12 px on the page). */
export const TEXT = { tick: 1, axisTitle: 1, annotation: 0.9, colorBar: 1 } as const;

/** Average advance of a glyph in em, for estimating label widths without a layout pass (conservative). */
export const CHAR_EM = 0.6;
/** Line height of annotations, in em. */
export const LINE_EM = 1.2;

/** Stroke widths and marker sizes per unit k = font / 12. */
export const STROKE = {
  theory: 2.2,
  simJoin: 1,
  errorBar: 1.4,
  markerEdge: 1.2,
  contour: 2.2,
  guide: 1.2,
  ring: 3,
  ringEdge: 1,
} as const;
/** The reader's point: ring radius and stroke per k (on a map, with a white halo of its own width). */
export const READER = { lineRadius: 7, mapRadius: 9, stroke: 2, halo: 5 } as const;
/** Simulated markers may overhang the plot by this much per k (points on its edge show whole). */
export const POINT_OVERHANG = 7;
/** Simulated marker area in px² per k². */
export const MARKER_AREA = 64;
/** Tick length in px. */
export const TICK = 5;

/** Colours that are not a protocol's. */
export const COLOR = {
  text: '#1b1b1b',
  muted: '#4a4a4a',
  guide: '#555555',
  band: '#D55E00',
  bandOpacity: 0.08,
  undefinedCell: '#d9d9d9',
  contour: '#000000',
  halo: '#ffffff',
} as const;

/** What every chart draws from: the figure, its theory and simulated points, and the frame. */
export interface ChartData {
  fig: Figure;
  theory: TheoryResult | null;
  points: SimPoint[];
}

export interface ChartFrame {
  width: number;
  height: number;
  big: boolean;
  /** Base type size in px (embeds scale it with the frame); default FONT.page, or FONT.big with `big`. */
  font?: number;
  /** Gallery thumbnail: tight margins, no axis titles or annotation labels. */
  thumb?: boolean;
}

export function chartFont(input: { big: boolean; font?: number }): number {
  return input.font ?? (input.big ? FONT.big : FONT.page);
}

/** Estimated width in px of a one-line label at a type size. */
export function textWidth(s: string, px: number): number {
  return [...s].length * CHAR_EM * px;
}
