/**
 * The depth chapter's one parameter schema (docs/science/depth.md, scaled down for
 * the browser: see the "As implemented" section of the text). It drives the
 * sliders, URL keys, validation and the CLI flags; each parameter's `usedBy`
 * lists the figures that show its slider (absent: every figure).
 */
import type { ParamsOf, Schema } from '../../core/schema';
import { seedsParam, simCount } from '../../core/paramSpecs';

export const FIG_LAYERS = 'layers';
export const FIG_KSTAR = 'kstar';
export const FIG_SOURCES = 'sources';
export const FIG_PROFILES = 'profiles';

const TRAINED = [FIG_LAYERS, FIG_KSTAR, FIG_SOURCES, FIG_PROFILES] as const;
const SELECTION = [FIG_SOURCES, FIG_PROFILES] as const;

export const schema = [
  {
    kind: 'number',
    name: 'Pt',
    label: 'target samples',
    symbol: 'P_t',
    min: 20,
    max: 500,
    step: 1,
    integer: true,
    log: true,
    default: 120,
    group: 'model',
    description:
      'Training samples of the target task. The layer figure draws three curves, at Pₜ/4, Pₜ and 4·Pₜ; the ' +
      'source-selection figures use Pₜ itself.',
  },
  {
    kind: 'number',
    name: 'dth',
    label: 'rule change',
    symbol: '\\delta_\\theta',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.1,
    group: 'model',
    usedBy: [FIG_LAYERS, FIG_KSTAR],
    description:
      'How much the target label rule differs from the source one: θₜ = √(1−δθ) θₛ + √δθ θ̃. 0 = same rule, 1 = ' +
      'unrelated rule. The inputs are unchanged.',
  },
  {
    kind: 'number',
    name: 'dF',
    label: 'embedding change',
    symbol: '\\delta_F',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0,
    group: 'model',
    usedBy: [FIG_LAYERS, FIG_KSTAR],
    description:
      'How much the map from latent factors to inputs differs: Fₜ = √(1−δF) Fₛ + √δF F̃. It spoils the first ' +
      'layers of the source network.',
  },
  {
    kind: 'number',
    name: 'noise',
    aliases: ['eta'],
    label: 'label noise',
    symbol: '\\eta',
    min: 0,
    max: 0.3,
    step: 0.01,
    default: 0,
    group: 'model',
    description: 'Probability that a training label (source and target) is flipped. Test labels are clean.',
  },
  {
    kind: 'number',
    name: 'N',
    label: 'input dimension',
    symbol: 'N',
    min: 16,
    max: 100,
    step: 1,
    integer: true,
    default: 24,
    group: 'model',
    description: 'Number of input features x = tanh(Fᵀc/√D).',
  },
  {
    kind: 'number',
    name: 'D',
    label: 'latent dimension',
    symbol: 'D',
    min: 4,
    max: 40,
    step: 1,
    integer: true,
    default: 8,
    group: 'model',
    description: 'Dimension of the hidden manifold (the latent factors c) that both tasks share.',
  },
  {
    kind: 'number',
    name: 'H',
    label: 'hidden width',
    symbol: 'H',
    min: 16,
    max: 128,
    step: 1,
    integer: true,
    default: 24,
    group: 'model',
    description: 'Units per hidden layer of the fully connected tanh network.',
  },
  {
    kind: 'number',
    name: 'L',
    label: 'hidden layers',
    symbol: 'L',
    min: 2,
    max: 6,
    step: 1,
    integer: true,
    default: 4,
    group: 'model',
    description:
      'Hidden layers of the network: the transfer depth k runs from 0 (train from scratch) to L (keep every layer, ' +
      'retrain only the readout).',
  },
  {
    kind: 'number',
    name: 'Ps',
    label: 'source samples',
    symbol: 'P_s',
    min: 500,
    max: 10000,
    step: 1,
    integer: true,
    log: true,
    default: 1500,
    group: 'model',
    description: 'Training samples of each source task (the data-rich task the networks are pretrained on).',
  },
  {
    kind: 'choice',
    name: 'protocol',
    label: 'transfer protocol',
    default: 'frozen',
    group: 'simulation',
    usedBy: [FIG_LAYERS, FIG_KSTAR],
    options: [
      { value: 'frozen', label: 'frozen copied layers' },
      { value: 'finetune', label: 'fine-tuned copied layers' },
      { value: 'both', label: 'both' },
    ],
    description:
      'Frozen: the k copied layers never change and only the rest is trained. Fine-tuned: the copied layers are ' +
      'trained too, with a smaller learning rate. The k* map uses the frozen protocol unless only fine-tuning ' +
      'is selected.',
  },
  {
    kind: 'number',
    name: 'ftLrScale',
    label: 'fine-tuning lr factor',
    min: 0.01,
    max: 1,
    step: 0.01,
    log: true,
    default: 0.1,
    group: 'simulation',
    usedBy: [FIG_LAYERS, FIG_KSTAR],
    description:
      'Learning rate of the copied layers relative to the fresh ones when fine-tuning. At 1 fine-tuning forgets ' +
      'the source quickly on tiny target sets.',
  },
  {
    kind: 'choice',
    name: 'score',
    label: 'similarity measure',
    default: 'overlap',
    group: 'simulation',
    usedBy: SELECTION,
    options: [
      { value: 'overlap', label: 'neighbourhood overlap' },
      { value: 'cka', label: 'linear CKA' },
      { value: 'imbalance', label: 'information imbalance (target → source)' },
    ],
    description:
      'How the representations of the scratch target network and of each source network are compared, layer by ' +
      'layer, on the same probe inputs.',
  },
  {
    kind: 'choice',
    name: 'scoreLayer',
    label: 'score over layers',
    default: 'mean',
    group: 'simulation',
    usedBy: [FIG_SOURCES],
    options: [
      { value: 'mean', label: 'average over layers' },
      { value: 'last', label: 'last hidden layer' },
    ],
    description: 'Which summary of the layer-by-layer similarity is plotted against the transfer error.',
  },
  simCount('knn', {
    label: 'neighbours',
    symbol: 'k_{nn}',
    range: [5, 30, 1],
    default: 10,
    usedBy: SELECTION,
    description: 'Neighbourhood size kₙₙ of the neighbourhood overlap (its chance level is kₙₙ/(M − 1)).',
  }),
  simCount('probe', {
    label: 'probe inputs',
    symbol: 'M',
    range: [100, 1000, 10],
    default: 400,
    usedBy: SELECTION,
    description: 'Number M of unlabelled target inputs on which the representations are compared.',
  }),
  simCount('steps', {
    label: 'target Adam steps',
    range: [50, 1000, 10],
    default: 250,
    usedBy: TRAINED,
    description:
      'Full-batch Adam steps on the target set (no early stopping: over-fitting of large networks on tiny sets is ' +
      'part of the story).',
  }),
  simCount('srcSteps', {
    label: 'source Adam steps',
    range: [50, 1000, 10],
    default: 250,
    usedBy: TRAINED,
    description: 'Full-batch Adam steps when pretraining each source network.',
  }),
  {
    kind: 'number',
    name: 'lr',
    label: 'learning rate',
    min: 0.001,
    max: 0.05,
    step: 0.001,
    log: true,
    default: 0.01,
    group: 'simulation',
    description: 'Adam learning rate (β = 0.9, 0.999), source and target.',
  },
  simCount('nTest', {
    label: 'test samples',
    range: [500, 5000, 100],
    default: 2000,
    description: 'Fresh target samples on which the test error is measured.',
  }),
  seedsParam({
    max: 8,
    default: 3,
    description:
      'Independent repetitions (tasks, data, initialisations) per point; error bars are standard errors over them. ' +
      'The k* map and the source selection use at most 2.',
  }),
] as const satisfies Schema;

/**
 * What a simulation task adds to the reader's parameters (the figures' `simTasks` set them; no slider, no URL key):
 * the transfer depth `k` and target-size slot `slot` of the layer figure, the candidate source `cand` and hidden
 * layer `layer` of the source-selection figures. Absent from the reader's parameters, hence optional.
 */
type TaskFields = { k?: number; slot?: number; cand?: number; layer?: number };

/** The chapter's parameters, typed by the schema (plus the task fields of a simulation task). */
export type DepthParams = ParamsOf<typeof schema> & TaskFields;

/** A task field the figure's `simTasks` set (a task without it is a programming error, not a failed seed). */
export function taskField(p: DepthParams, name: keyof TaskFields): number {
  const v = p[name];
  if (v === undefined) throw new Error(`depth: a simulation task without its "${name}"`);
  return v;
}

/** L2 coefficient λ of (λ/2)‖W‖² on trained weights (docs/science/depth.md). */
export const WEIGHT_DECAY = 1e-4;

/** Target sizes of the three curves of the layer figure: P_t/4, P_t, 4 P_t. */
export const SIZE_FACTORS = [0.25, 1, 4] as const;
export function layerSizes(p: DepthParams): number[] {
  return SIZE_FACTORS.map((f) => Math.max(5, Math.round(p.Pt * f)));
}

/** Which transfer protocols a parameter set trains. */
export function protocolsOf(p: DepthParams): ('frozen' | 'finetune')[] {
  return p.protocol === 'both' ? ['frozen', 'finetune'] : p.protocol === 'finetune' ? ['finetune'] : ['frozen'];
}

/** Protocol whose k* the map shows. */
export function mapProtocol(p: DepthParams): 'frozen' | 'finetune' {
  return p.protocol === 'finetune' ? 'finetune' : 'frozen';
}
