/** Read the chapter's parameters into the theory's model (the slider's λ is the one the simulated points use). */
import type { LinearParams } from './params';
import type { LinearModel } from './theory';

export function modelOf(p: LinearParams): LinearModel {
  return {
    theta: p.theta,
    gamma: p.gamma,
    sigma: p.noise,
    lam: p.lam,
    source: p.source,
    gamma_s: p.gammaS,
    sigma_s: p.noiseS,
    t: p.t,
    L: p.L,
  };
}

/** Target sample count of a simulation: n_t = round(γ d), at least 2. */
export function targetSamples(gamma: number, d: number): number {
  return Math.max(2, Math.round(gamma * d));
}
