/** Robust y-range: ignores non-finite values and divergent spikes (e.g. the γ = 1 peak) so the curves stay readable. */
export function robustDomain(values: number[], fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return [0, 1];
  let lo = v[0];
  let hi = v[v.length - 1];
  const q90 = v[Math.floor(0.9 * (v.length - 1))];
  const spread = Math.max(1e-9, q90 - lo);
  if (hi > q90 + 2 * spread) hi = q90 + spread; // clip a divergence
  if (lo > 0 && lo < 0.3 * hi) lo = 0;
  const pad = 0.06 * (hi - lo || Math.abs(hi) || 1);
  return [lo - (lo === 0 ? 0 : pad), hi + pad];
}
