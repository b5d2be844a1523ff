/**
 * Tasks and data sets of the chapter, all from the `chmm` chapter's generator
 * (correlated hidden-manifold model, docs/science/chmm.md (C1)–(C4)): one source task and a
 * target built from it by the rule change δθ and the embedding change δF.
 *
 * For source selection the roles flip: one target task and several candidate
 * sources built from it. The generator's law is symmetric in the pair, and it
 * draws its first task before the perturbation, so with one rng key the first
 * task is the same for every knob setting — checked at run time (`sameTask`).
 */
import { makeTaskPair, sampleTask, type ChmmKnobs, type HmmTask } from '../chmm/generator';
import type { Rng } from '../../core/rng';
import type { Dataset, NetShape } from './mlp';
import type { DepthParams } from './params';

export type { HmmTask };

export function knobsOf(p: DepthParams, change: { dth: number; dF: number }): ChmmKnobs {
  return { N: p.N, Ds: p.D, dF: change.dF, dth: change.dth, fsub: 0, dD: 0 };
}

export function shapeOf(p: DepthParams): NetShape {
  return { N: p.N, H: p.H, L: p.L };
}

/** Source → target pair for the depth figures. */
export function depthPair(p: DepthParams, rng: Rng): { source: HmmTask; target: HmmTask } {
  return makeTaskPair(knobsOf(p, { dth: p.dth, dF: p.dF }), rng);
}

/** P labelled samples of a task as a data set shared by a batch of networks. */
export function dataset(task: HmmTask, P: number, rng: Rng, flip = 0): Dataset {
  const s = sampleTask(task, P, rng, flip);
  return { X: s.X, y: s.y, P, shared: true };
}

/**
 * A short content hash of a task (FNV-1a over its numbers at float32 precision):
 * cache keys name what a source network was trained on, so networks are shared
 * whenever the generator hands back the same task, and never otherwise.
 */
export function fingerprint(task: HmmTask): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    const bits = new Uint32Array(Float32Array.of(v).buffer)[0];
    for (let s = 0; s < 32; s += 8) {
      h ^= (bits >>> s) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  mix(task.N);
  mix(task.D);
  for (const v of task.F) mix(v);
  for (const v of task.theta) mix(v);
  return h.toString(16).padStart(8, '0');
}

export function sameTask(a: HmmTask, b: HmmTask): boolean {
  if (a.N !== b.N || a.D !== b.D || a.F.length !== b.F.length || a.theta.length !== b.theta.length) return false;
  for (let i = 0; i < a.F.length; i++) if (a.F[i] !== b.F[i]) return false;
  for (let i = 0; i < a.theta.length; i++) if (a.theta[i] !== b.theta[i]) return false;
  return true;
}

/**
 * Candidate sources of the source-selection figures (docs/science/depth.md, Similarity measures), most to least similar
 * by construction.
 */
export const CANDIDATES = [
  { id: 'same', label: 'same rule (δθ = 0)', dth: 0, dF: 0 },
  { id: 'dth30', label: 'rule change δθ = 0.3', dth: 0.3, dF: 0 },
  { id: 'dth60', label: 'rule change δθ = 0.6', dth: 0.6, dF: 0 },
  { id: 'dth90', label: 'rule change δθ = 0.9', dth: 0.9, dF: 0 },
  { id: 'dF60', label: 'embedding change δF = 0.6', dth: 0, dF: 0.6 },
] as const;

/**
 * The selection set-up for candidate c: the generator's first task is our target
 * (identical for every candidate), its second task is candidate source c.
 */
export function selectionPair(p: DepthParams, c: number, rng: () => Rng): { target: HmmTask; source: HmmTask } {
  const pair = makeTaskPair(knobsOf(p, CANDIDATES[c]), rng());
  return { target: pair.source, source: pair.target };
}
