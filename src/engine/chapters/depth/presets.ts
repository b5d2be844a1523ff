/**
 * Named parameter sets (docs/science/depth.md; the paper's own figure values were not
 * available: these are the qualitative regimes its abstract describes, reproduced at our
 * scale). Only non-default values are listed. Every caption was checked against its chart
 * at the shipped seeds (seed 1, default seed count): see the caption table in the doc.
 */
import type { Preset } from '../../core/chapter';
import type { DepthParams } from './params';

// Typed by the chapter's parameters: a misspelt or mistyped value does not compile.
export const presets: Preset<DepthParams>[] = [
  {
    id: 'similar-rule',
    title: 'Similar source: k* falls as data grows',
    fig: 'layers',
    params: {},
    caption:
      'Rule change $\\delta_\\theta = 0.1$: with $P_t/4$ samples copying the first two layers is best (three are ' +
      'nearly as good) and cuts the error of training from scratch by about 40%, and even copying all four ' +
      'layers beats scratch; with $P_t$ and $4P_t$ samples the optimum moves to the first layer, and at $4P_t$ ' +
      'keeping all four layers is the worst choice.',
  },
  {
    id: 'changed-rule',
    title: 'Changed rule: only the first layer is safe',
    fig: 'layers',
    params: { dth: 0.6 },
    caption:
      'Rule change $\\delta_\\theta = 0.6$: the late, rule-specific layers of the source hurt (transfer of all $L$ ' +
      'layers is far worse than scratch at every size), while copying the first layer costs nothing within the ' +
      'error bars.',
  },
  {
    id: 'changed-embedding',
    title: 'Changed embedding: transfer hurts from the first layer',
    fig: 'layers',
    params: { dth: 0, dF: 0.6 },
    caption:
      'Embedding change $\\delta_F = 0.6$: the source learnt to undo a different input map, so even its first ' +
      'layer hurts: $k^* = 0$ (train from scratch) at every target size, and each further copied layer raises ' +
      'the error.',
  },
  {
    id: 'fine-tuning',
    title: 'Fine-tuning flattens the curves',
    fig: 'layers',
    params: { dth: 0.6, protocol: 'both' },
    caption:
      'Fine-tuning the copied layers with a 10× smaller learning rate removes most of the negative transfer of ' +
      'deep copies: its curve is nearly flat in $k \\ge 1$.',
  },
  {
    id: 'kstar-map',
    title: 'Map of the optimal depth',
    fig: 'kstar',
    params: {},
    caption:
      'Optimal transfer depth over target size and rule change: with the same rule ($\\delta_\\theta = 0$) copying ' +
      'three or four layers is best at every target size on the map (the source saw $P_s = 1500$ samples, more ' +
      'than any target set here); a rule change of 0.25 or more already pulls $k^*$ down to about one layer or ' +
      'to training from scratch.',
  },
  {
    id: 'source-selection',
    title: 'Choosing a source by its representations',
    fig: 'sources',
    params: {},
    caption:
      'Five candidate sources; the neighbourhood overlap between each and a small scratch network on the target ' +
      'ranks them by the error they lead to.',
  },
  {
    id: 'selection-cka',
    title: 'Source selection with CKA',
    fig: 'sources',
    params: { score: 'cka' },
    caption: 'The same candidates scored by linear CKA.',
  },
  {
    id: 'similarity-profiles',
    title: 'Similarity profiles',
    fig: 'profiles',
    params: {},
    caption:
      'Layer-by-layer overlap between the scratch target network and each source: highest in layer 1 for every ' +
      'candidate, where they differ least (the closest source overlaps about 1.3 times as much as the ' +
      'farthest), then falling with depth while the gap opens (about 3 times in the last layer); the ' +
      'candidates keep the same order at every layer.',
  },
];
