import { describe, expect, it } from 'vitest';
import { makeRng } from '../../core/rng';
import { autocorrTime, effectiveSize, splitRhat } from './diagnostics';

/** AR(1) trace x_t = φ x_{t−1} + √(1−φ²) ξ_t, started in equilibrium: τ = (1 + φ)/(1 − φ) exactly. */
function ar1(n: number, phi: number, seed: string): number[] {
  const rng = makeRng('diagnostics-test', seed);
  const x = [rng.normal()];
  for (let t = 1; t < n; t++) x.push(phi * x[t - 1] + Math.sqrt(1 - phi * phi) * rng.normal());
  return x;
}

describe('chain diagnostics', () => {
  it('recovers the integrated autocorrelation time of AR(1) traces', () => {
    // Long traces: the estimator's relative error is ~√(2·window/n) ≈ 15% here.
    expect(autocorrTime(ar1(20000, 0, 'white'))).toBeGreaterThan(0.8);
    expect(autocorrTime(ar1(20000, 0, 'white'))).toBeLessThan(1.2);
    const tau = autocorrTime(ar1(20000, 0.8, 'ar'));
    expect(tau).toBeGreaterThan(9 * 0.8);
    expect(tau).toBeLessThan(9 * 1.2);
    expect(effectiveSize(ar1(20000, 0.8, 'ar'))).toBeCloseTo(20000 / tau, 6);
  });

  it('split-R̂ is ≈ 1 for stationary chains and large for a drifting one', () => {
    expect(splitRhat([ar1(4000, 0.5, 'a'), ar1(4000, 0.5, 'b')])).toBeLessThan(1.02);
    const drifting = ar1(400, 0.5, 'c').map((x, t) => x + t / 100);
    expect(splitRhat([drifting])).toBeGreaterThan(1.3);
    // Too short to split: no verdict.
    expect(splitRhat([[1, 2]])).toBeNaN();
  });
});
