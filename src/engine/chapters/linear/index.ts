import type { Chapter } from '../../core/chapter';
import { schema, type LinearParams } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

/** Typed by its parameters; `satisfies` keeps the schema's own type, so `defaults(chapter.schema)` is typed too. */
export const chapter = {
  id: 'linear',
  title: 'Features are fate',
  question:
    'When does a deep linear network pretrained on one task help on another, and does any distance between the tasks predict it?',
  paper: {
    authors: 'Tahir, Ganguli, Rotskoff',
    title: 'Features are fate: a theory of transfer learning in high-dimensional regression',
    year: 2024,
    arxiv: '2410.08194',
  },
  status: 'ready',
  schema,
  figures,
  presets,
  text,
  guide,
  loadSim: () => import('./sim').then((m) => m.sim),
} satisfies Chapter<LinearParams>;
