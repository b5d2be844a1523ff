import { comingChapter } from '../../core/chapter';

/** Placeholder until the chapter is built (issue: chmm). */
export const chapter = comingChapter(
  'chmm',
  'Correlated hidden manifolds',
  'When does reusing features learned on a related, data-rich task help, and when does it hurt?',
  { authors: 'Gerace, Saglietti, Sarao Mannelli, Saxe, Zdeborová', title: 'Probing transfer learning with a model of synthetic correlated datasets', year: 2022, arxiv: '2106.05418' },
);
