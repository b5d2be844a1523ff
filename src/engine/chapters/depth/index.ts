import type { Chapter } from '../../core/chapter';
import { schema, type DepthParams } from './params';
import { figures } from './figures';
import { presets } from './presets';
import { text } from './text';
import { guide } from './guide';

/** Typed by its parameters; `satisfies` keeps the schema's own type, so `defaults(chapter.schema)` is typed too. */
export const chapter = {
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
  status: 'ready',
  schema,
  figures,
  presets,
  text,
  guide,
  // The simulation (tfjs) is loaded lazily: it must stay out of the main bundle.
  loadSim: () => import('./sim').then((m) => m.sim),
} satisfies Chapter<DepthParams>;
