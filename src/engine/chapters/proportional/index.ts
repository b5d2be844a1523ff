import type { Chapter } from '../../core/chapter';
import { schema, type ProportionalParams } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

/** Typed by its parameters; `satisfies` keeps the schema's own type, so `defaults(chapter.schema)` is typed too. */
export const chapter = {
  id: 'proportional',
  title: 'Transfer at finite width',
  question:
    'A network trained on a source task is coupled to the one learning the target: when does that help, and why does it stop helping when the network is very wide?',
  paper: {
    authors: 'Ingrosso, Pacelli, Rotondo, Gerace',
    title: 'Statistical mechanics of transfer learning in fully-connected networks in the proportional limit',
    year: 2024,
    arxiv: '2407.07168',
  },
  status: 'ready',
  schema,
  figures,
  presets,
  text,
  guide,
  loadSim: () => import('./sim').then((m) => m.sim),
} satisfies Chapter<ProportionalParams>;
