import type { Chapter, Figure, TheoryResult } from '../engine/core/chapter';
import type { Params } from '../engine/core/schema';
import type { SimPoint } from '../engine/core/simRunner';

/** A figure as shown: its chapter, theory and points at these parameters and seed (what tables and exports read). */
export interface FigureView {
  chapter: Chapter;
  fig: Figure;
  theory: TheoryResult | null;
  points: SimPoint[];
  params: Params;
  seed: number;
}
