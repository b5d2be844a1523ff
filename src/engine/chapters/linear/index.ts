import { defineChapter } from '../../core/defineChapter';
import { schema } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

export const chapter = defineChapter(
  {
    id: 'linear',
    title: 'Features are fate',
    question:
      'When does a deep linear network pretrained on one task help on another, and does any distance between the ' +
      'tasks predict it?',
    paper: {
      authors: 'Tahir, Ganguli, Rotskoff',
      title: 'Features are fate: a theory of transfer learning in high-dimensional regression',
      year: 2024,
      arxiv: '2410.08194',
    },
  },
  { schema, figures, presets, text, guide },
  () => import('./sim').then((m) => m.sim),
);
