import { defineChapter } from '../../core/defineChapter';
import { schema } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

export const chapter = defineChapter(
  {
    id: 'depth',
    title: 'Which layers to transfer',
    question: 'How many pretrained layers should I keep, and which of several pretrained networks should I start from?',
    paper: {
      authors: 'Gerace, Doimo, Sarao Mannelli, Saglietti, Laio',
      title: 'How to choose the right transfer learning protocol? A qualitative analysis in a controlled set-up',
      year: 2024,
      arxiv: '2303.01429',
      url: 'https://openreview.net/forum?id=XWQgXLYwv2',
    },
  },
  { schema, figures, presets, text, guide },
  () => import('./sim').then((m) => m.sim),
);
