import { defineChapter } from '../../core/defineChapter';
import { schema } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

export const chapter = defineChapter(
  {
    id: 'chmm',
    title: 'Correlated hidden manifolds',
    question: 'When does reusing features learned on a related, data-rich task help, and when does it hurt?',
    paper: {
      authors: 'Gerace, Saglietti, Sarao Mannelli, Saxe, Zdeborová',
      title: 'Probing transfer learning with a model of synthetic correlated datasets',
      year: 2022,
      arxiv: '2106.05418',
    },
  },
  { schema, figures, presets, text, guide },
  () => import('./sim').then((m) => m.sim),
);
