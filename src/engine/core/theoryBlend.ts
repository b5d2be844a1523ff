/**
 * A stand-in for a slow theory while its exact value is being computed.
 *
 * Some figures solve a saddle point per curve point (theoryCost 'worker'): a slider move costs a fraction of a second
 * to seconds there, far more than a frame. To redraw within a frame anyway, the app keeps the exact results it already
 * has and, for new parameters, blends the two known results that bracket them along the ONE parameter in which they
 * differ (all other parameters equal), in that parameter's slider scale (log for log sliders): linearly, or
 * quadratically when a third known value lies close by. The blend is exact at the known values and its error between
 * them is second (third) order in their spacing; the exact result replaces it as soon as it arrives. Pure data in, pure
 * data out: unit-tested in Node, used by the app and by the bench that measures the blend's error.
 */
import type { Mark, Readout, TheoryResult } from './chapter';
import { fromSlider, SLIDER_STEPS, toSlider, type NumberParam, type Params, type Schema } from './schema';

export interface KnownTheory {
  params: Params;
  result: TheoryResult;
}

export interface BlendedTheory {
  result: TheoryResult;
  /** The parameter blended along, and the known values used (equal when only the nearest one was available). */
  param: string;
  from: [number, number];
  /** false when no known result lies on the other side: the nearest one is shown unchanged. */
  bracketed: boolean;
}

/** Parameters a theory may be blended along: numbers whose theory is smooth in them (not a draw index). */
export function blendable(schema: Schema): Map<string, NumberParam> {
  const out = new Map<string, NumberParam>();
  for (const s of schema) if (s.kind === 'number' && s.smooth !== false) out.set(s.name, s);
  return out;
}

/** Position on the slider (log for log sliders), in which blends are linear. */
export function sliderCoord(spec: NumberParam, v: number): number {
  return spec.log ? Math.log(v) : v;
}

/** The one parameter in which `a` and `b` differ, '' when they are equal, null when more than one differs. */
export function soleDifference(a: Params, b: Params): string | null {
  let diff = '';
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[k] === b[k]) continue;
    if (diff) return null;
    diff = k;
  }
  return diff;
}

function mix(a: number, b: number, t: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return t < 0.5 ? a : b;
  return a + (b - a) * t;
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

function blendMarks(
  a: Mark[] | undefined,
  b: Mark[] | undefined,
  t: number,
  at: { a: number; b: number; now: number },
): Mark[] | undefined {
  const near = t < 0.5 ? a : b;
  if (!a || !b || a.length !== b.length || a.some((m, i) => m.kind !== b[i].kind)) return near;
  // The reader's own marker (`reader: true`), when it sits at the blended parameter, goes to the new value exactly.
  const xAt = (reader: boolean | undefined, xa: number, xb: number) =>
    reader && xa === at.a && xb === at.b ? at.now : mix(xa, xb, t);
  return a.map((ma, i) => {
    const mb = b[i];
    const label = (t < 0.5 ? ma : mb).label;
    switch (ma.kind) {
      case 'vline':
        return { ...ma, label, x: xAt(ma.reader, ma.x, (mb as typeof ma).x) };
      case 'hline':
        return { ...ma, label, y: mix(ma.y, (mb as typeof ma).y, t) };
      case 'xband':
        return { ...ma, label, x0: mix(ma.x0, (mb as typeof ma).x0, t), x1: mix(ma.x1, (mb as typeof ma).x1, t) };
      case 'yband':
        return { ...ma, label, y0: mix(ma.y0, (mb as typeof ma).y0, t), y1: mix(ma.y1, (mb as typeof ma).y1, t) };
      case 'point':
        return { ...ma, label, x: xAt(ma.reader, ma.x, (mb as typeof ma).x), y: mix(ma.y, (mb as typeof ma).y, t) };
    }
  });
}

function blendReadouts(a: Readout[] | undefined, b: Readout[] | undefined, t: number): Readout[] | undefined {
  const near = t < 0.5 ? a : b;
  if (!a || !b) return near;
  const other = new Map((t < 0.5 ? b : a).map((r) => [r.label, r.value]));
  return near!.map((r) => {
    const o = other.get(r.label);
    if (o === undefined) return r;
    const [va, vb] = t < 0.5 ? [r.value, o] : [o, r.value];
    return { ...r, value: mix(va, vb, t) };
  });
}

/**
 * A third known result and the quadratic (Lagrange) weights of (a, b, c) at the
 * new value: the curves then follow the bend of the theory between a and b
 * instead of its chord (error third order in the spacing instead of second).
 */
export interface Curvature {
  c: TheoryResult;
  w: [number, number, number];
}

/** Lagrange weights of nodes s0, s1, s2 at s. */
export function quadraticWeights(s0: number, s1: number, s2: number, s: number): [number, number, number] {
  return [
    ((s - s1) * (s - s2)) / ((s0 - s1) * (s0 - s2)),
    ((s - s0) * (s - s2)) / ((s1 - s0) * (s1 - s2)),
    ((s - s0) * (s - s1)) / ((s2 - s0) * (s2 - s1)),
  ];
}

/**
 * The blend of two results at fraction t ∈ [0, 1] from a to b (with `curv`,
 * quadratic through a third one for the curves); parts that do not line up come
 * from the nearer one.
 */
export function blendResults(
  a: TheoryResult,
  b: TheoryResult,
  t: number,
  at: { a: number; b: number; now: number },
  curv?: Curvature,
): TheoryResult {
  const near = t < 0.5 ? a : b;
  const out: TheoryResult = { ...near };
  const cs =
    curv && curv.c.series && sameNumbers(a.x, curv.c.x) ? new Map(curv.c.series.map((s) => [s.id, s.y])) : null;
  const mix3 = (ya: number, yb: number, yc: number | undefined) => {
    const lin = mix(ya, yb, t);
    if (!curv || yc === undefined || !Number.isFinite(ya + yb + yc)) return lin;
    return curv.w[0] * ya + curv.w[1] * yb + curv.w[2] * yc;
  };
  if (a.series && b.series && sameNumbers(a.x, b.x)) {
    const bs = new Map(b.series.map((s) => [s.id, s.y]));
    out.series = a.series.map((s) => {
      const yb = bs.get(s.id);
      if (!yb || yb.length !== s.y.length) return (t < 0.5 ? s : near.series?.find((n) => n.id === s.id)) ?? s;
      const yc = cs?.get(s.id);
      const third = yc && yc.length === s.y.length ? yc : null;
      return { id: s.id, y: s.y.map((y, i) => mix3(y, yb[i], third?.[i])) };
    });
  }
  const ha = a.heatmap;
  const hb = b.heatmap;
  if (ha && hb && ha.id === hb.id && sameNumbers(ha.xs, hb.xs) && sameNumbers(ha.ys, hb.ys)) {
    const hc = curv?.c.heatmap;
    const third = hc && hc.id === ha.id && sameNumbers(hc.xs, ha.xs) && sameNumbers(hc.ys, ha.ys) ? hc : null;
    out.heatmap = { ...ha, z: ha.z.map((row, i) => row.map((z, j) => mix3(z, hb.z[i][j], third?.z[i][j]))) };
  }
  out.marks = blendMarks(a.marks, b.marks, t, at);
  out.readouts = blendReadouts(a.readouts, b.readouts, t);
  return out;
}

/**
 * The best stand-in for the theory at `params` from `known` results of the
 * same figure: the bracketing pair along one blendable parameter (preferring
 * `hint`, the parameter that just moved), else the nearest known value along
 * it, else null.
 */
export function blendTheory(
  schema: Schema,
  known: readonly KnownTheory[],
  params: Params,
  hint?: string,
): BlendedTheory | null {
  const specs = blendable(schema);
  const along = new Map<string, { v: number; result: TheoryResult }[]>();
  for (const k of known) {
    const d = soleDifference(k.params, params);
    if (d === '') return { result: k.result, param: '', from: [NaN, NaN], bracketed: true };
    const v = d ? k.params[d] : undefined;
    if (!d || !specs.has(d) || typeof v !== 'number' || typeof params[d] !== 'number') continue;
    if (!along.has(d)) along.set(d, []);
    along.get(d)!.push({ v, result: k.result });
  }
  const order = [...along.keys()].sort((p, q) => Number(q === hint) - Number(p === hint));
  let fallback: BlendedTheory | null = null;
  for (const name of order) {
    const spec = specs.get(name)!;
    const now = params[name] as number;
    const s = sliderCoord(spec, now);
    let lo: { v: number; result: TheoryResult } | undefined;
    let hi: typeof lo;
    for (const c of along.get(name)!) {
      const sc = sliderCoord(spec, c.v);
      if (sc < s && (!lo || sc > sliderCoord(spec, lo.v))) lo = c;
      if (sc > s && (!hi || sc < sliderCoord(spec, hi.v))) hi = c;
    }
    if (lo && hi) {
      const [sl, sh] = [sliderCoord(spec, lo.v), sliderCoord(spec, hi.v)];
      const t = (s - sl) / (sh - sl);
      // The nearest other known value, if it is close (within one bracket width of the bracket), bends the blend.
      let third: { v: number; result: TheoryResult } | undefined;
      for (const c of along.get(name)!) {
        const sc = sliderCoord(spec, c.v);
        if (sc > sl && sc < sh) continue;
        if (c === lo || c === hi || sc < sl - (sh - sl) || sc > sh + (sh - sl)) continue;
        if (!third || Math.abs(sc - s) < Math.abs(sliderCoord(spec, third.v) - s)) third = c;
      }
      const curv = third ? { c: third.result, w: quadraticWeights(sl, sh, sliderCoord(spec, third.v), s) } : undefined;
      return {
        result: blendResults(lo.result, hi.result, t, { a: lo.v, b: hi.v, now }, curv),
        param: name,
        from: [lo.v, hi.v],
        bracketed: true,
      };
    }
    const one = lo ?? hi;
    if (one && !fallback) fallback = { result: one.result, param: name, from: [one.v, one.v], bracketed: false };
  }
  return fallback;
}

/**
 * Parameter sets worth computing ahead of a slider move, so that a move lands
 * between two known results: every model slider of the figure at ±1/8 of its
 * travel from where it is, then ±1/4 (`first`, the figure's own axis, leads:
 * it only moves the reader's point and is cheap). Values are snapped like the
 * slider's own, so a drag that stops there hits the exact result.
 */
export function prefetchPlan(
  schema: Schema,
  fig: { id: string; theoryDeps?: readonly string[] },
  params: Params,
  first?: string,
  fractions: readonly number[] = [1 / 8, 1 / 4],
): Params[] {
  const specs = [...blendable(schema).values()].filter(
    (s) =>
      s.group !== 'simulation' &&
      (!s.usedBy || s.usedBy.includes(fig.id)) &&
      (!fig.theoryDeps || fig.theoryDeps.includes(s.name)),
  );
  specs.sort((a, b) => Number(b.name === first) - Number(a.name === first));
  const out: Params[] = [];
  const seen = new Set<string>();
  for (const f of fractions)
    for (const spec of specs) {
      const now = params[spec.name];
      if (typeof now !== 'number') continue;
      for (const dir of [1, -1]) {
        const pos = Math.min(SLIDER_STEPS, Math.max(0, toSlider(spec, now) + dir * Math.round(f * SLIDER_STEPS)));
        const v = fromSlider(spec, pos);
        const key = `${spec.name}=${v}`;
        if (v === now || seen.has(key)) continue;
        seen.add(key);
        out.push({ ...params, [spec.name]: v });
      }
    }
  return out;
}
