import { defineChapter } from '../../core/defineChapter';
import { schema } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

export const chapter = defineChapter(
  {
    id: 'proportional',
    title: 'Transfer at finite width',
    question:
      'A network trained on a source task is coupled to the one learning the target: when does that help, and why ' +
      'does it stop helping when the network is very wide?',
    paper: {
      authors: 'Ingrosso, Pacelli, Rotondo, Gerace',
      title: 'Statistical mechanics of transfer learning in fully-connected networks in the proportional limit',
      year: 2024,
      arxiv: '2407.07168',
    },
  },
  { schema, figures, presets, text, guide },
  () => import('./sim').then((m) => m.sim),
);
