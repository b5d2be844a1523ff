import { comingChapter } from '../../core/chapter';

/** Placeholder until the chapter is built (issue: proportional). */
export const chapter = comingChapter(
  'proportional',
  'Transfer at finite width',
  'A network trained on a source task is coupled to the one learning the target: when does that help, and why does it stop helping when the network is very wide?',
  { authors: 'Ingrosso, Pacelli, Rotondo, Gerace', title: 'Statistical mechanics of transfer learning in fully-connected networks in the proportional limit', year: 2024, arxiv: '2407.07168' },
);
