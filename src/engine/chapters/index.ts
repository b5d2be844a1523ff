/**
 * THE chapter registry: the only list the app, the workers and the CLI read.
 * To add a chapter, create its folder (see README "Adding a chapter") and add it here.
 */
import type { Chapter } from '../core/chapter';
import { chapter as chmm } from './chmm';
import { chapter as proportional } from './proportional';
import { chapter as depth } from './depth';
import { chapter as linear } from './linear';

export const chapters: readonly Chapter[] = [chmm, proportional, depth, linear];

export function findChapter(id: string | null | undefined): Chapter | undefined {
  return chapters.find((c) => c.id === id);
}
