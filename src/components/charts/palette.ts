/**
 * Colour maps of heatmaps. Protocol colours, dashes and markers live in
 * styleMap.ts (one style per concept across the explorable).
 */
import { interpolateRgbBasis } from 'd3';

/**
 * Sequential map: viridis (perceptually uniform, colour-blind safe) through ten of its
 * published samples; d3-scale-chromatic would bring every scheme into the bundle.
 */
export const VIRIDIS = interpolateRgbBasis([
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#b5de2b',
  '#fde725',
]);

/** Diverging map for transferability: red (negative) → near-white → blue (positive), as in the paper. */
export const DIVERGING = ['#c6423c', '#fafafa', '#4454c2'];
