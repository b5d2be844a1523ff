/**
 * One style per concept across the whole explorable: a protocol keeps its colour,
 * theory dash and simulation marker on every figure of every chapter (scratch is
 * always black circles, transfer always blue squares, …). Colours are Okabe–Ito
 * (colour-blind safe), chosen so that no two concepts are close (CIE ΔE > 35:
 * Okabe–Ito's orange and vermillion, ΔE 32, are never both used), and every style
 * also differs by dash and marker, so nothing rests on colour alone.
 *
 * Theory is always a line (`dash`); simulation always marks (`marker`, `hollow`
 * for the second variant of a concept). Series ids are `theory:<protocol>` /
 * `sim:<protocol>`; the protocol id picks the style.
 */
import { parseSeriesId } from '../../engine/core/chapter';
import {
  symbolCircle,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
  symbolCross,
  type SymbolType,
} from 'd3';

/** Okabe–Ito colours by name (plus a mid grey for the infinite-width scratch baseline). */
export const INK = {
  black: '#1b1b1b',
  blue: '#0072B2',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  sky: '#56B4E9',
  orange: '#E69F00',
  grey: '#8a8a8a',
} as const;

/** Theory dash patterns, in units of the theory stroke width (scaled with the type). */
export const DASH = { solid: '', dashed: '7 4', dotted: '1.5 3', dashDot: '8 3 2 3', long: '12 5' } as const;

export interface SeriesStyle {
  color: string;
  /** Dash pattern of the theory line ('' = solid). */
  dash: string;
  /** Marker of simulated points. */
  marker: SymbolType;
  /** Open marker (second variant of the same concept, e.g. the rotated teacher). */
  hollow?: boolean;
}

const style = (color: string, dash: string, marker: SymbolType, hollow = false): SeriesStyle => ({
  color,
  dash,
  marker,
  hollow,
});

/** The concepts. A chapter's protocol id maps to one of these (see PROTOCOL_STYLE). */
export const CONCEPT = {
  scratch: style(INK.black, DASH.solid, symbolCircle),
  transfer: style(INK.blue, DASH.dashed, symbolSquare),
  finetune: style(INK.green, DASH.dotted, symbolTriangle),
  random: style(INK.vermillion, DASH.dashDot, symbolDiamond),
  /** Infinite width (N₁ → ∞): the limit the finite-width curves approach. */
  infinite: style(INK.purple, DASH.long, symbolStar),
  /** The same protocol at a larger finite width (between yours and the limit). */
  wider: style(INK.sky, DASH.dashDot, symbolWye),
  /** Scratch at infinite width. */
  infiniteScratch: style(INK.grey, DASH.long, symbolCross),
} as const;

/**
 * Every protocol id used by a chapter. Ids that name the same concept in
 * several chapters (scratch, transfer, finetune, random) share one entry; the
 * unit test checks that every chapter's protocols are listed and that no two
 * protocols of one figure look alike.
 */
export const PROTOCOL_STYLE: Record<string, SeriesStyle> = {
  scratch: CONCEPT.scratch,
  transfer: CONCEPT.transfer,
  finetune: CONCEPT.finetune,
  random: CONCEPT.random,
  infinite: CONCEPT.infinite,
  wide: CONCEPT.wider,
  infinite_scratch: CONCEPT.infiniteScratch,
  // Gains (chmm): coloured by what transfer is compared with, or fine-tuning's own colour.
  gain_random: style(INK.vermillion, DASH.dashDot, symbolDiamond),
  gain_scratch: style(INK.black, DASH.solid, symbolCircle),
  gain_finetune: style(INK.green, DASH.dotted, symbolTriangle),
  // Teacher families (linear divergence): protocol colour, teacher variant by dash and open marker.
  transfer_rescaled: CONCEPT.transfer,
  transfer_rotated: style(INK.blue, DASH.solid, symbolSquare, true),
  finetune_rescaled: CONCEPT.finetune,
  finetune_rotated: style(INK.green, DASH.dashDot, symbolTriangle, true),
  // Trained fine-tuning of a rescaled teacher and its own line (L15): fine-tuning's colour, another marker and dash.
  finetune_rescaled_gd: style(INK.green, DASH.solid, symbolDiamond),
  // Depth: frozen transfer / fine-tuning at three target sizes (marker = size, colour = protocol, open = fine-tuned).
  frozen_small: style(INK.sky, DASH.dotted, symbolTriangle),
  frozen_mid: style(INK.blue, DASH.dashed, symbolSquare),
  frozen_large: style('#003d62', DASH.solid, symbolCircle),
  finetune_small: style('#4cc49a', DASH.dotted, symbolTriangle, true),
  finetune_mid: style(INK.green, DASH.dashed, symbolSquare, true),
  finetune_large: style('#00553e', DASH.solid, symbolCircle, true),
  // Depth: candidate sources, from the closest to the farthest rule, and a changed embedding.
  same: style(INK.blue, DASH.solid, symbolSquare),
  dth30: style(INK.sky, DASH.dashed, symbolCircle),
  dth60: style(INK.purple, DASH.dotted, symbolTriangle),
  dth90: style(INK.vermillion, DASH.dashDot, symbolDiamond),
  dF60: style(INK.black, DASH.long, symbolStar),
  // chmm finite size: the measured theory–simulation gap of the two Gaussian theories.
  gap_label: style(INK.blue, DASH.solid, symbolCircle),
  gap_sign: style(INK.purple, DASH.dashed, symbolDiamond),
};

/** Fallback for an id not in the table: a stable pick by the id's characters (same id → same style everywhere). */
const FALLBACK = [INK.blue, INK.vermillion, INK.green, INK.purple, INK.sky, INK.orange];
const FALLBACK_MARKERS = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolStar, symbolWye];
const FALLBACK_DASHES = [DASH.solid, DASH.dashed, DASH.dotted, DASH.dashDot, DASH.long];

/** The protocol a series id names (`theory:<p>` / `sim:<p>`); a bare protocol id is its own protocol. */
export function protocolOf(seriesId: string): string {
  return parseSeriesId(seriesId)?.protocol ?? seriesId;
}

export function seriesStyle(protocolOrSeries: string): SeriesStyle {
  const id = protocolOf(protocolOrSeries);
  const known = PROTOCOL_STYLE[id];
  if (known) return known;
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return style(
    FALLBACK[h % FALLBACK.length],
    FALLBACK_DASHES[h % FALLBACK_DASHES.length],
    FALLBACK_MARKERS[h % FALLBACK_MARKERS.length],
  );
}

/** Dash pattern scaled to a stroke width (patterns above are for a 1-unit stroke ×1.3). */
export function scaledDash(dash: string, width: number): string {
  if (!dash) return '';
  return dash
    .split(' ')
    .map((v) => String(Math.round(Number(v) * width * 0.75 * 10) / 10))
    .join(' ');
}
