/** Evenly spaced grids for theory curves and simulation sweeps. */

export function linspace(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

export function logspace(a: number, b: number, n: number): number[] {
  const la = Math.log(a);
  const lb = Math.log(b);
  return linspace(la, lb, n).map(Math.exp);
}

/** Round to `digits` significant digits (tidy x values in links, CSV and tooltips). */
export function tidy(x: number, digits = 4): number {
  return Number(x.toPrecision(digits));
}
