import { comingChapter } from '../../core/chapter';

/** Placeholder until the chapter is built (issue: depth). */
export const chapter = comingChapter(
  'depth',
  'Which layers to transfer',
  'How many pretrained layers should I keep, and which of several pretrained networks should I start from?',
  { authors: 'Gerace, Doimo, Sarao Mannelli, Saglietti, Laio', title: 'How to choose the right transfer learning protocol? A qualitative analysis in a controllable set-up', year: 2024, arxiv: '2303.01429' },
);
