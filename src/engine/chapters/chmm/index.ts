import type { Chapter } from '../../core/chapter';
import { schema, type ChmmParams } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

/** Typed by its parameters; `satisfies` keeps the schema's own type, so `defaults(chapter.schema)` is typed too. */
export const chapter = {
  id: 'chmm',
  title: 'Correlated hidden manifolds',
  question: 'When does reusing features learned on a related, data-rich task help, and when does it hurt?',
  paper: {
    authors: 'Gerace, Saglietti, Sarao Mannelli, Saxe, Zdeborová',
    title: 'Probing transfer learning with a model of synthetic correlated datasets',
    year: 2022,
    arxiv: '2106.05418',
  },
  status: 'ready',
  schema,
  figures,
  presets,
  text,
  guide,
  loadSim: () => import('./sim').then((m) => m.sim),
} satisfies Chapter<ChmmParams>;
