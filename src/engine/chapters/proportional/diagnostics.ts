/**
 * Convergence diagnostics for the Langevin chains (docs/science/proportional.md,
 * "Convergence diagnostics"): the integrated autocorrelation time and effective
 * sample size of a scalar trace (Geyer's initial monotone sequence), and the
 * split-R̂ of Gelman et al. (each chain cut in halves, so that a drift inside a
 * chain shows up as a between-halves difference).
 */

/** Autocovariances γ_0 … γ_maxLag of x (biased estimator, divided by n, as usual for τ). */
function autocovariance(x: readonly number[], maxLag: number): number[] {
  const n = x.length;
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  const out: number[] = [];
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = 0; i + lag < n; i++) s += (x[i] - m) * (x[i + lag] - m);
    out.push(s / n);
  }
  return out;
}

/**
 * Integrated autocorrelation time τ = 1 + 2 Σ_{t≥1} ρ_t, in units of the trace's
 * spacing, with Geyer's initial positive and monotone sequence truncation
 * (pairs ρ_{2k} + ρ_{2k+1} summed while positive, forced non-increasing).
 * NaN below 4 values; a constant trace returns τ = 1.
 */
export function autocorrTime(x: readonly number[]): number {
  const n = x.length;
  if (n < 4) return NaN;
  const c = autocovariance(x, n - 1);
  if (!(c[0] > 0)) return 1;
  let sum = 0;
  let prev = Infinity;
  for (let k = 0; 2 * k + 1 < n; k++) {
    let pair = (c[2 * k] + c[2 * k + 1]) / c[0];
    if (pair <= 0) break;
    pair = Math.min(pair, prev);
    prev = pair;
    sum += pair;
  }
  // Σ_{k} Γ_k = ρ_0 + ρ_1 + … = 1 + Σ_{t≥1} ρ_t, so τ = 2 Σ Γ_k − 1.
  return Math.max(2 * sum - 1, 1 / n);
}

/** Effective sample size n/τ of one trace (capped at n·log10(n) as Stan does for antithetic traces). */
export function effectiveSize(x: readonly number[]): number {
  const n = x.length;
  const tau = autocorrTime(x);
  return Number.isFinite(tau) ? Math.min(n / tau, n * Math.log10(Math.max(n, 10))) : NaN;
}

/**
 * Split-R̂ over a set of chains of the same target: every chain cut into two
 * halves, then the classic ratio √(((n−1)/n · W + B/n) / W) of the pooled to
 * the within-sequence variance. 1 at convergence; a chain still drifting gives
 * halves with different means and R̂ > 1.
 */
export function splitRhat(chains: readonly (readonly number[])[]): number {
  const seqs: number[][] = [];
  for (const c of chains) {
    const h = Math.floor(c.length / 2);
    if (h < 2) continue;
    seqs.push(c.slice(0, h), c.slice(c.length - h));
  }
  if (seqs.length < 2) return NaN;
  const n = Math.min(...seqs.map((s) => s.length));
  const means = seqs.map((s) => s.slice(0, n).reduce((a, b) => a + b, 0) / n);
  const grand = means.reduce((a, b) => a + b, 0) / means.length;
  const B = (n / (seqs.length - 1)) * means.reduce((a, m) => a + (m - grand) ** 2, 0);
  const W =
    seqs.reduce((a, s, j) => {
      let v = 0;
      for (let i = 0; i < n; i++) v += (s[i] - means[j]) ** 2;
      return a + v / (n - 1);
    }, 0) / seqs.length;
  if (!(W > 0)) return B > 0 ? Infinity : 1;
  return Math.sqrt((((n - 1) / n) * W + B / n) / W);
}
