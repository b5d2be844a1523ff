/**
 * The transfer protocols of docs/science/depth.md (D4), as one batch of networks per
 * (source network, target training set):
 *   network k (k = 0..L): hidden layers 1..k copied from the source, layers
 *   k+1..L and the readout from ONE fresh draw shared by every k (common
 *   random numbers: the k-curves differ only by what was transferred);
 *   frozen   — copied layers get learning-rate factor 0 (never move);
 *   finetune — copied layers train with factor ftLrScale (k ≥ 1; k = 0 is scratch).
 * k = 0 is training from scratch; frozen k = L is a logistic readout on the
 * source's last hidden layer. The readout is never transferred.
 */
import { stack, trainBatch, testErrors, type Dataset, type NetBatch, type TrainOptions } from './mlp';

export type Protocol = 'frozen' | 'finetune';

export interface TransferRun {
  /** Which protocols to train for k ≥ 1 (k = 0, training from scratch, is always trained). */
  protocols: readonly Protocol[];
  /** Learning-rate factor of copied layers when fine-tuning. */
  ftLrScale: number;
}

export interface TransferResult {
  /** Test error per depth k = 0..L; index 0 is scratch in both. NaN where not trained. */
  frozen: number[];
  finetune: number[];
  /** The trained networks, in batch order (see `transferBatch`). */
  nets: NetBatch;
}

/**
 * The batch, in order: scratch (k = 0, shared by both protocols), then frozen
 * k = 1..L and fine-tuned k = 1..L for the protocols requested.
 */
export function transferMembers(L: number, run: TransferRun): { protocol: Protocol; k: number }[] {
  const out: { protocol: Protocol; k: number }[] = [{ protocol: 'frozen', k: 0 }];
  for (const protocol of ['frozen', 'finetune'] as const) {
    if (run.protocols.includes(protocol)) for (let k = 1; k <= L; k++) out.push({ protocol, k });
  }
  return out;
}

/** Copy the first k hidden layers of `source` (a batch of one) over network `fresh` (a batch of one). */
export function graft(source: NetBatch, fresh: NetBatch, k: number): NetBatch {
  return {
    shape: fresh.shape,
    B: 1,
    layers: fresh.layers.map((w, l) => Float32Array.from(l < k ? source.layers[l] : w)),
    readout: Float32Array.from(fresh.readout),
  };
}

/** Learning-rate factors per member: 0 (frozen copy), ftLrScale (fine-tuned copy) or 1 (fresh layer / readout). */
export function memberScales(L: number, run: TransferRun): number[][] {
  return transferMembers(L, run).map(({ protocol, k }) =>
    Array.from({ length: L + 1 }, (_, l) => (l < k ? (protocol === 'frozen' ? 0 : run.ftLrScale) : 1)),
  );
}

/**
 * Train every (protocol, k) network of one target set in one batch and measure
 * its test error. `fresh` is the shared fresh draw (a batch of one).
 */
export async function runTransfer(
  source: NetBatch,
  fresh: NetBatch,
  train: Dataset,
  test: Dataset,
  run: TransferRun,
  opts: Omit<TrainOptions, 'lrScale'>,
): Promise<TransferResult> {
  const L = fresh.shape.L;
  const members = transferMembers(L, run);
  const init = stack(members.map(({ k }) => graft(source, fresh, k)));
  const nets = await trainBatch(init, train, { ...opts, lrScale: memberScales(L, run) });
  const errs = testErrors(nets, test);
  const frozen = new Array<number>(L + 1).fill(NaN);
  const finetune = new Array<number>(L + 1).fill(NaN);
  members.forEach(({ protocol, k }, i) => {
    if (protocol === 'frozen') frozen[k] = errs[i];
    else finetune[k] = errs[i];
  });
  finetune[0] = frozen[0];
  return { frozen, finetune, nets };
}
