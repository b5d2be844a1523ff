/**
 * A toy regression problem for the proportional chapter's chain tests: Gaussian inputs and labels (training and
 * test) drawn from the stream `key`, at temperature 0.05 with unit priors, no source, and the step, burn-in and
 * window given. Shared by langevin.test.ts and collapsed.test.ts.
 */
import { makeRng } from '../src/engine/core/rng';
import type { ChainSpec } from '../src/engine/chapters/proportional/langevin';

export function toyChainSpec(
  key: string,
  size: { P: number; N0: number; N1: number; Pte: number },
  run: { burn: number; samples: number; groups?: number[][] },
): ChainSpec {
  const r = makeRng(key);
  const { P, N0, N1, Pte } = size;
  return {
    X: Float32Array.from(r.normals(P * N0)),
    y: Float32Array.from(r.normals(P)),
    P,
    N0,
    N1,
    T: 0.05,
    lam0: 1,
    lam1: 1,
    gamma: 0,
    Ws: null,
    eta: 0.005,
    every: 10,
    Xte: Float32Array.from(r.normals(Pte * N0)),
    yte: Float32Array.from(r.normals(Pte)),
    Pte,
    ...run,
  };
}
