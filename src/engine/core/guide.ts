/**
 * A chapter's guide for first-time readers: a short tour (each step a preset or
 * a figure with parameters, and one sentence "move X, watch Y"), the sliders
 * that tell each figure's story first, and glossary entries for the symbols
 * that are not parameters (ε_g, Q_st, k*, …). Parameter entries are derived
 * from the schema, so a slider's label, unit, range and description are
 * written once. Pure data and pure functions: the app, the tests and the CLI
 * read the same guide.
 */
import type { Chapter } from './chapter';
import { rangeText, type ParamSpec, type Params } from './schema';

export interface TourStep {
  /** Short title of the step ("The crossover"). */
  title: string;
  /** A preset id of the chapter: its figure and parameters are applied. */
  preset?: string;
  /** Without a preset: the figure to show, and parameters over the defaults. */
  fig?: string;
  params?: Params;
  /** The parameter the reader is asked to move (its slider is shown first and highlighted). */
  move: string;
  /** One sentence: "Move X, watch Y." May contain $TeX$. */
  text: string;
  /** Optional question asked before the reader moves the slider; `reveal` answers it afterwards. */
  predict?: string;
  reveal?: string;
}

export interface GlossaryEntry {
  /** TeX of the symbol, e.g. "\\varepsilon_g". */
  tex: string;
  /** Plain-text spellings under which the symbol appears in labels and readouts ("ε_g", "eps_g"). */
  aliases: string[];
  /** What it is, in one sentence. */
  meaning: string;
  unit?: string;
  /** Its range, in words or numbers ("0 … 1", "≥ 0"). */
  range?: string;
}

export interface Guide {
  steps: TourStep[];
  /** Per figure id: the parameters whose sliders are shown first; the figure's other sliders fold under "more". */
  primary: Record<string, string[]>;
  /** Symbols that are not parameters. */
  glossary: GlossaryEntry[];
}

/** TeX → the plain spelling of Greek letters and sub/superscripts used in labels ("\\delta_\\theta" → "δ_θ"). */
export const GREEK: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  eta: 'η',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  infty: '∞',
  kappa: 'κ',
  nu: 'ν',
  Delta: 'Δ',
};

export function plainSymbol(tex: string): string {
  return tex
    .replace(/\\(rm|mathrm|text)\s*\{([^}]*)\}/g, '$2')
    .replace(/\\rm\s*/g, '')
    .replace(/\\([a-zA-Z]+)/g, (m, name: string) => GREEK[name] ?? m)
    .replace(/[{}]/g, '')
    .replace(/\\\|/g, '‖')
    .replace(/\s+/g, '');
}

/** Unicode subscripts (labels write "Pₜ", "N₁" as well as "P_t"): every subscript character must have one. */
const SUB: Record<string, string> = {
  0: '₀',
  1: '₁',
  2: '₂',
  3: '₃',
  4: '₄',
  5: '₅',
  6: '₆',
  7: '₇',
  8: '₈',
  9: '₉',
  a: 'ₐ',
  e: 'ₑ',
  h: 'ₕ',
  i: 'ᵢ',
  j: 'ⱼ',
  k: 'ₖ',
  l: 'ₗ',
  m: 'ₘ',
  n: 'ₙ',
  o: 'ₒ',
  p: 'ₚ',
  r: 'ᵣ',
  s: 'ₛ',
  t: 'ₜ',
  u: 'ᵤ',
  v: 'ᵥ',
  x: 'ₓ',
};

export function unicodeSubscript(plain: string): string {
  return plain.replace(/_([a-z0-9]+)/g, (m, sub: string) =>
    [...sub].every((c) => SUB[c]) ? [...sub].map((c) => SUB[c]).join('') : m,
  );
}

/** A parameter's glossary entry, from its schema spec (label, unit, range, description). */
export function paramEntry(spec: ParamSpec): GlossaryEntry | undefined {
  if (spec.kind !== 'number' || !spec.symbol) return undefined;
  const plain = plainSymbol(spec.symbol);
  return {
    tex: spec.symbol,
    aliases: [plain],
    meaning: `${spec.label[0].toUpperCase()}${spec.label.slice(1)}. ${spec.description}`,
    unit: spec.unit,
    range: rangeText(spec),
  };
}

/** Every entry of a chapter: its parameters' (schema order), then the guide's own symbols. */
export function glossaryOf(ch: Chapter): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  for (const s of ch.schema) {
    const e = paramEntry(s);
    if (e) out.push(e);
  }
  // Each spelling also in Unicode subscripts, the way labels now write them.
  return [...out, ...(ch.guide?.glossary ?? [])].map((e) => ({
    ...e,
    aliases: [...new Set([...e.aliases, ...e.aliases.map(unicodeSubscript)])],
  }));
}

/** The entry for a symbol written in TeX or plain text, if the chapter has one. */
export function findEntry(entries: GlossaryEntry[], symbol: string): GlossaryEntry | undefined {
  const plain = plainSymbol(symbol);
  return entries.find(
    (e) => e.tex === symbol || e.aliases.includes(symbol) || e.aliases.includes(plain) || plainSymbol(e.tex) === plain,
  );
}

/**
 * Split a plain-text label into text and glossary symbols, longest alias first
 * ("ε_g at your γ" → ["", ε_g, " at your ", γ, ""]). A symbol counts only where
 * it is not part of a longer word ("γ" inside "γ_s" does not match).
 */
export function splitSymbols(label: string, entries: GlossaryEntry[]): (string | GlossaryEntry)[] {
  const aliases = entries
    .flatMap((e) => e.aliases.filter((a) => a.length > 0).map((a) => ({ a, e })))
    .sort((x, y) => y.a.length - x.a.length);
  const out: (string | GlossaryEntry)[] = [];
  let text = '';
  let i = 0;
  const wordish = (c: string | undefined) => !!c && /[\p{L}\p{N}_₀-₉*]/u.test(c);
  while (i < label.length) {
    const hit = aliases.find(
      ({ a }) => label.startsWith(a, i) && !wordish(label[i - 1]) && !wordish(label[i + a.length]),
    );
    if (hit) {
      out.push(text, hit.e);
      text = '';
      i += hit.a.length;
    } else text += label[i++];
  }
  out.push(text);
  return out;
}

/** Problems with a chapter's guide (unknown presets, figures, parameters): empty when it is sound. */
export function checkGuide(ch: Chapter): string[] {
  const g = ch.guide;
  if (!g) return [];
  const errs: string[] = [];
  const hasFig = (id: string) => ch.figures.some((f) => f.id === id);
  const hasParam = (name: string) => ch.schema.some((s) => s.name === name);
  if (g.steps.length < 3 || g.steps.length > 5) errs.push(`${ch.id}: the tour has ${g.steps.length} steps (want 3–5)`);
  g.steps.forEach((s, i) => {
    const at = `${ch.id} step ${i + 1}`;
    if (s.preset !== undefined) {
      const p = ch.presets.find((q) => q.id === s.preset);
      if (!p) errs.push(`${at}: no preset "${s.preset}"`);
      else if (!hasFig(p.fig)) errs.push(`${at}: preset "${s.preset}" names a missing figure "${p.fig}"`);
    } else if (!s.fig || !hasFig(s.fig)) errs.push(`${at}: neither a preset nor an existing figure`);
    for (const k of Object.keys(s.params ?? {})) if (!hasParam(k)) errs.push(`${at}: no parameter "${k}"`);
    if (!hasParam(s.move)) errs.push(`${at}: moves a missing parameter "${s.move}"`);
    const fig = stepFigure(ch, s);
    const figure = ch.figures.find((f) => f.id === fig);
    if (fig && figure && !visibleParams(ch, fig).includes(s.move))
      errs.push(`${at}: "${s.move}" has no slider on figure "${fig}"`);
    if (!!s.predict !== !!s.reveal) errs.push(`${at}: a prediction needs its reveal (and a reveal its prediction)`);
  });
  for (const [fig, names] of Object.entries(g.primary)) {
    if (!hasFig(fig)) errs.push(`${ch.id}: primary sliders for a missing figure "${fig}"`);
    else
      for (const n of names)
        if (!visibleParams(ch, fig).includes(n)) errs.push(`${ch.id}: primary "${n}" has no slider on "${fig}"`);
  }
  return errs;
}

/** The figure a step shows. */
export function stepFigure(ch: Chapter, s: TourStep): string | undefined {
  return s.preset !== undefined ? ch.presets.find((p) => p.id === s.preset)?.fig : s.fig;
}

/** The parameters with a slider on a figure: those whose `usedBy` names it (or that have none), schema order. */
export function visibleParams(ch: Chapter, figId: string): string[] {
  const fig = ch.figures.find((f) => f.id === figId);
  if (!fig) return [];
  return ch.schema.filter((p) => !p.usedBy || p.usedBy.includes(fig.id)).map((p) => p.name);
}

/** Split a figure's sliders into the primary ones (guide order) and the rest (schema order). */
export function splitSliders(ch: Chapter, figId: string, extra?: string): { primary: string[]; more: string[] } {
  const all = visibleParams(ch, figId);
  const want = [...(ch.guide?.primary[figId] ?? [])];
  if (extra && !want.includes(extra)) want.unshift(extra);
  const primary = want.filter((n) => all.includes(n));
  if (!primary.length) return { primary: all, more: [] };
  return { primary, more: all.filter((n) => !primary.includes(n)) };
}
