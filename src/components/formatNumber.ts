/**
 * Numbers for readers: a value with an error bar is shown to the precision the
 * error bar allows (0.117 ± 0.007, not 0.117 ± 0.00724), a bare value to three
 * significant figures. Shared by the readouts and the tour.
 */

const MINUS = '−';

function sign(s: string): string {
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** A value alone: three significant figures, ∞ and — for what is not a finite number, no trailing zeros. */
export function formatNumber(v: number, sig = 3): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return `${MINUS}∞`;
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return sign(v.toExponential(sig - 1).replace('e+', 'e'));
  return sign(String(Number(v.toPrecision(sig))));
}

/**
 * The error rounded to one significant figure (two when its first digit is 1 or 2, where
 * one figure would change it by up to a half), and the value rounded to the same decimal place.
 */
export function formatWithError(v: number, err: number | undefined): string {
  if (err === undefined || !Number.isFinite(err) || err <= 0 || !Number.isFinite(v)) return formatNumber(v);
  const exp = Math.floor(Math.log10(err));
  const lead = err / 10 ** exp;
  const figures = lead < 2.95 ? 2 : 1;
  let place = exp - figures + 1; // the last decimal place kept: 10^place
  // Rounding may carry the error into the next decade (0.0096 -> 0.010): recompute from the rounded value.
  const rounded = Math.round(err / 10 ** place) * 10 ** place;
  if (Math.floor(Math.log10(rounded)) > exp) place += 1;
  const decimals = Math.max(0, -place);
  const q = (x: number) => (Math.round(x / 10 ** place) * 10 ** place).toFixed(decimals);
  return `${sign(q(v))} ± ${q(err)}`;
}
