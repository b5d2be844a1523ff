/** Read the chapter's parameters into the theory's model (the slider's λ is the one the simulated points use). */
import type { Params } from '../../core/schema';
import type { LinearModel } from './theory';

export function modelOf(p: Params): LinearModel {
  return {
    theta: p.theta as number,
    gamma: p.gamma as number,
    sigma: p.noise as number,
    lam: p.lam as number,
    source: p.source as string,
    gamma_s: p.gammaS as number,
    sigma_s: p.noiseS as number,
    t: p.t as number,
    L: p.L as number,
  };
}

/** Target sample count of a simulation: n_t = round(γ d), at least 2. */
export function targetSamples(gamma: number, d: number): number {
  return Math.max(2, Math.round(gamma * d));
}
