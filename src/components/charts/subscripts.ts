/**
 * Plain-text labels (axis titles, readouts, legend, annotations) write a subscript the way TeX does, `ε_g`,
 * `Q_{st}`; these helpers draw it as a real subscript instead of the raw underscore — in SVG as a lowered,
 * smaller tspan (dy, not baseline-shift, which not every renderer honours), in HTML as <sub>.
 */
export interface TextRun {
  text: string;
  sub: boolean;
}

const SUBSCRIPT = /_(?:\{([^}]*)\}|([A-Za-z0-9]+))/g;

/** `ε_g at your γ` → [ε][g, sub][ at your γ]. Text without `_` is one plain run. */
export function subscriptRuns(s: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const m of s.matchAll(SUBSCRIPT)) {
    if (m.index > last) runs.push({ text: s.slice(last, m.index), sub: false });
    runs.push({ text: m[1] ?? m[2], sub: true });
    last = m.index + m[0].length;
  }
  if (last < s.length || runs.length === 0) runs.push({ text: s.slice(last), sub: false });
  return runs;
}

/** The label as it reads once drawn (no underscores): for widths and accessible names. */
export const plainText = (s: string): string =>
  subscriptRuns(s)
    .map((r) => r.text)
    .join('');

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Fill an SVG <text>/<tspan> with `s`, subscripts lowered and smaller. */
export function setSvgText(el: SVGElement, s: string): void {
  el.textContent = '';
  const runs = subscriptRuns(s);
  if (runs.length === 1 && !runs[0].sub) {
    el.textContent = s;
    return;
  }
  let lowered = false;
  for (const r of runs) {
    const t = document.createElementNS(SVG_NS, 'tspan');
    t.textContent = r.text;
    if (r.sub !== lowered) t.setAttribute('dy', r.sub ? '0.3em' : '-0.3em');
    if (r.sub) t.setAttribute('font-size', '75%');
    lowered = r.sub;
    el.appendChild(t);
  }
}
