/** Okabe–Ito colour-blind-safe palette and one distinct marker per protocol (colour is never the only cue). */
import { interpolateRgbBasis, symbolCircle, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3';

export const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
export const MARKERS: SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolStar, symbolWye];
/** Dash patterns for theory lines, so protocols differ in grey-scale prints too. */
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

export function styleOf(index: number) {
  return { color: COLORS[index % COLORS.length], marker: MARKERS[index % MARKERS.length], dash: DASHES[index % DASHES.length] };
}

/**
 * Sequential map: viridis (perceptually uniform, colour-blind safe) through ten of its
 * published samples; d3-scale-chromatic would bring every scheme into the bundle.
 */
export const VIRIDIS = interpolateRgbBasis(['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725']);

/** Diverging map for transferability: red (negative) → near-white → blue (positive), as in the paper. */
export const DIVERGING = ['#c6423c', '#fafafa', '#4454c2'];
