/**
 * Theory curves (docs/science/proportional.md (P6)–(P17)): the transfer saddle point along a path of
 * couplings, widths or teacher overlaps, with warm starts (continuation along
 * the path, plus the previous path kept in a small memo so that a slider move
 * starts from the last solution), the scratch baseline (γ = 0, Pacelli et al.)
 * and the infinite-width (NNGP) limit.
 */
import { couplingOf, dataOf, instanceOf, problemOf, scratchQ, sourceOf, type Model } from './instance';
import { Lru } from '../../core/lru';
import { GAMMA_MIN, MAX_PS, MAX_PT } from './params';
import { solveStationary, testError, type Stationary, type WarmStart } from './transfer';

export interface TransferPoint {
  eg: number;
  emean: number;
  Qs: number;
  Qt: number;
  Qtt: number;
  Qst: number;
  converged: boolean;
}

const NAN_POINT: TransferPoint = { eg: NaN, emean: NaN, Qs: NaN, Qt: NaN, Qtt: NaN, Qst: NaN, converged: false };

/** Why the theory refuses these parameters (data too large for the in-browser solver), or undefined. */
export function tooLarge(m: Model): string | undefined {
  const { Ps, Pt } = m.sizes;
  if (Ps > MAX_PS || Pt > MAX_PT)
    return (
      `The in-browser theory handles source sets up to ${MAX_PS} and target sets up to ${MAX_PT} examples (here ` +
      `${Ps} and ${Pt}); lower the width N₁ or the data ratios α.`
    );
  return undefined;
}

function solveAt(m: Model, N1: number, gamma: number, guess: WarmStart): { sol: Stationary; point: TransferPoint } {
  const inst = instanceOf(m);
  const src = sourceOf(inst, m, N1);
  const { pb, tb } = problemOf(inst, couplingOf(inst, m.lam0, gamma), src, m, N1);
  const sol = solveStationary(pb, guess);
  if (!sol.converged) return { sol, point: { ...NAN_POINT, Qs: src.Qs } };
  const e = testError(pb, sol, tb);
  return { sol, point: { ...e, Qs: src.Qs, Qt: sol.u, Qtt: sol.v, Qst: sol.z, converged: true } };
}

/**
 * Continuation in γ from `from` (a converged solution at γ0) to γ1, in
 * geometric steps of at most ×1.5 (×1.15 after a failure): large couplings need it, cold starts at
 * γ ≳ 10 fail (docs/science/proportional.md, Theory: solver).
 */
function continueTo(m: Model, N1: number, g0: number, from: { u: number; v: number }, g1: number) {
  let g = g0;
  let cur = from;
  let factor = 1.5;
  let last: ReturnType<typeof solveAt> | undefined;
  for (let guard = 0; guard < 200 && g < g1; guard++) {
    const next = Math.min(g1, g * factor);
    const r = solveAt(m, N1, next, cur);
    if (r.sol.converged) {
      g = next;
      cur = r.sol;
      last = r;
      factor = Math.min(1.5, factor * 1.2);
    } else if (factor > 1.02) factor = 1 + (factor - 1) / 3;
    else return solveAt(m, N1, g1, cur);
  }
  return last ?? solveAt(m, N1, g1, cur);
}

/**
 * One transfer point from no warm start. Width continuation: at N1 → ∞ the
 * stationary point is exactly (u, v, z) = (1, 0, 0), so start at N1 = 10⁵ and
 * halve the width down to N1 at fixed γ (the kernels are shared, each step
 * costs one solve). If that fails, the γ-continuation from γ = 0.001 (docs/science/proportional.md, Theory: solver)
 * at the scratch solution.
 */
export function transferCold(m: Model, N1: number, gamma: number): TransferPoint {
  let lastN = Math.max(1e5, 100 * N1);
  let cur = { u: 1, v: 0 };
  let factor = 1; // first solve at lastN itself
  for (let guard = 0; guard < 100; guard++) {
    const N = Math.max(N1, lastN / factor);
    const r = solveAt(m, N, gamma, cur);
    if (r.sol.converged) {
      if (N <= N1) return r.point;
      cur = r.sol;
      lastN = N;
      factor = factor === 1 ? 2 : Math.min(2, factor * 1.2);
    } else if (factor > 1.05) factor = 1 + (factor - 1) / 3;
    else break;
  }
  const inst = instanceOf(m);
  const start = { u: scratchQ(inst, m, N1), v: 0 };
  const g0 = Math.min(GAMMA_MIN, gamma);
  const first = solveAt(m, N1, g0, start);
  if (gamma <= g0 || !first.sol.converged) return first.point;
  return continueTo(m, N1, g0, first.sol, gamma).point;
}

/** The stored solution at the x closest to `x` (a reader's point that moved along its own axis). */
function nearest(map: Map<number, WarmStart> | undefined, x: number): WarmStart | undefined {
  let best: number | undefined;
  for (const k of map?.keys() ?? []) if (best === undefined || Math.abs(k - x) < Math.abs(best - x)) best = k;
  return best === undefined ? undefined : map!.get(best);
}

/** Previous paths (x → solution), keyed by the curve's identity, for warm starts after a slider move. */
const warm = new Lru<Map<number, WarmStart>>(16);

/** The order parameters in the solver's coordinates (log d, v), d = u − v. */
const toSV = (w: WarmStart) => [Math.log(Math.max(1e-12, w.u - w.v)), w.v];
const fromSV = (s: number, v: number, J?: number[] | null): WarmStart => ({ u: Math.exp(s) + v, v, J });

/** How far a slider move shifted the solution at one x, in the solver's coordinates (log d, v). */
type Shift = [number, number];

/**
 * Predicted solution at the next x of a path:
 *  - after a slider move, the previous call's solution at this x, shifted by
 *    how much the move shifted the solution at the previous x of this path,
 *    extrapolated linearly from the two previous x's when both are known (the
 *    shift varies smoothly along a curve); then shifted by the last shift alone;
 *  - on a fresh path, the secant through the last two points;
 *  - else the last point.
 * Each carries the stored Jacobian at this x (else the last point's), so
 * Newton starts without finite differences.
 */
function predict(
  prev: WarmStart | undefined,
  prev2: WarmStart | undefined,
  old: WarmStart | undefined,
  shift: Shift | undefined,
  shift2: Shift | undefined,
): WarmStart[] {
  const J = old?.J ?? prev?.J;
  const out: WarmStart[] = [];
  if (old && shift) {
    const [s0, v0] = toSV(old);
    if (shift2) out.push(fromSV(s0 + 2 * shift[0] - shift2[0], v0 + 2 * shift[1] - shift2[1], J));
    out.push(fromSV(s0 + shift[0], v0 + shift[1], J));
  }
  if (old) out.push({ ...old, J });
  if (prev && prev2 && !old) {
    const [a, b] = toSV(prev);
    const [c, d] = toSV(prev2);
    out.push(fromSV(2 * a - c, 2 * b - d, J));
  }
  if (prev) out.push(prev);
  return out;
}

/**
 * A path of transfer points where `at(x)` gives the (model, N1, γ) at each x.
 * Each point starts from a prediction (see `predict`); if Newton fails from
 * all of them, γ-continuation from scratch (transferCold).
 */
export function transferPath(
  curve: string,
  xs: number[],
  at: (x: number) => { m: Model; N1: number; gamma: number },
  guess?: WarmStart,
): TransferPoint[] {
  const before = warm.get(curve);
  const now = new Map<number, WarmStart>();
  const out: TransferPoint[] = [];
  let prev: WarmStart | undefined = guess;
  let prev2: WarmStart | undefined;
  let shift: Shift | undefined;
  let shift2: Shift | undefined;
  for (const x of xs) {
    const { m, N1, gamma } = at(x);
    if (tooLarge(m)) {
      out.push(NAN_POINT);
      continue;
    }
    const old = before?.get(x) ?? nearest(before, x);
    let res: ReturnType<typeof solveAt> | undefined;
    for (const g of predict(prev, prev2, old, shift, shift2)) {
      res = solveAt(m, N1, gamma, g);
      if (res.sol.converged) break;
    }
    let point = res?.sol.converged ? res.point : transferCold(m, N1, gamma);
    prev2 = prev;
    if (res?.sol.converged) prev = { u: res.sol.u, v: res.sol.v, J: res.sol.J };
    else if (point.converged) prev = { u: point.Qt, v: point.Qtt };
    else prev = undefined;
    if (prev && old) {
      const [a, b] = toSV(prev);
      const [c, d] = toSV(old);
      shift2 = shift;
      shift = [a - c, b - d];
    } else shift = shift2 = undefined;
    if (!point.converged) point = { ...point, eg: NaN, emean: NaN };
    if (prev) now.set(x, prev);
    out.push(point);
  }
  warm.set(curve, now);
  return out;
}

export interface BaselinePoint {
  eg: number;
  emean: number;
  Q: number;
}

/** No transfer: γ = 0, the Pacelli et al. renormalised-kernel predictor on the target data alone. */
export function scratchPoint(m: Model, N1: number): BaselinePoint {
  if (tooLarge(m)) return { eg: NaN, emean: NaN, Q: NaN };
  const inst = instanceOf(m);
  const Q = scratchQ(inst, m, N1);
  const { pb, tb } = problemOf(inst, couplingOf(inst, m.lam0, 0), sourceOf(inst, m, N1), m, N1, false);
  return { ...testError(pb, { u: Q, v: 0, z: 0 }, tb), Q };
}

/**
 * Infinite width at fixed data: the 1/N1 terms vanish, u = 1, v = z = 0. The
 * target is the NNGP with kernel K_{var_t}/λ1: the source data drop out and γ
 * only shrinks the prior variance var_t. γ = 0 gives the scratch NNGP.
 */
export function infinitePoint(m: Model, gamma: number): BaselinePoint {
  if (tooLarge(m)) return { eg: NaN, emean: NaN, Q: NaN };
  const inst = instanceOf(m);
  const N1 = m.sizes.N1;
  const { pb, tb } = problemOf(inst, couplingOf(inst, m.lam0, gamma), sourceOf(inst, m, N1), m, N1, false);
  return { ...testError(pb, { u: 1, v: 0, z: 0 }, tb), Q: 1 };
}

export { dataOf };
