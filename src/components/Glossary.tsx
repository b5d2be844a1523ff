import { createContext, useContext, useEffect, useId, useMemo, type ReactNode } from 'react';
import type { Chapter } from '../engine/core/chapter';
import { glossaryOf, splitSymbols, type GlossaryEntry } from '../engine/core/guide';
import { entryText, installGlossTips } from './glossaryHtml';
import { inlineHtml, useTexReady } from './tex';
import { subscriptRuns } from './charts/subscripts';

/** The chapter's glossary (parameters from the schema, then the guide's own symbols) for every term below it. */
const GlossaryContext = createContext<GlossaryEntry[]>([]);

export function GlossaryProvider({ chapter, children }: { chapter: Chapter; children: ReactNode }) {
  const entries = useMemo(() => glossaryOf(chapter), [chapter]);
  useEffect(() => installGlossTips(), []);
  return <GlossaryContext.Provider value={entries}>{children}</GlossaryContext.Provider>;
}

export function useGlossary(): GlossaryEntry[] {
  return useContext(GlossaryContext);
}

/**
 * A symbol with its glossary entry: a focusable term (hover or focus shows the
 * entry, which is also its accessible description). Not a button: it does
 * nothing when pressed, and a drawer that focuses its first control should land
 * on a slider, not on a symbol. `children` is what is shown; the symbol is
 * typeset from the entry's TeX when no children are given. Escape hides the
 * tip (installGlossTips); the same term inside typeset prose is glossaryHtml's termHtml.
 */
export function GlossaryTerm({ entry, children }: { entry: GlossaryEntry; children?: ReactNode }) {
  const id = useId();
  const tex = useTexReady();
  const html = useMemo(() => inlineHtml(`$${entry.tex}$`), [entry, tex]);
  return (
    <span className="gloss">
      <span
        role="term"
        tabIndex={0}
        className="gloss-term"
        aria-describedby={id}
        aria-label={children ? undefined : `${entry.aliases[0] ?? entry.tex}`}
      >
        {children ?? <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: html }} />}
      </span>
      <span role="tooltip" id={id} className="gloss-tip">
        {entryText(entry)}
      </span>
    </span>
  );
}

/** A plain-text label (readout, axis) with every known symbol in it turned into a glossary term. */
/** Plain text with TeX-style subscripts (`ε_g`, `Q_{st}`) drawn as <sub>. */
export function RichText({ text }: { text: string }) {
  const runs = subscriptRuns(text);
  if (runs.length === 1 && !runs[0].sub) return <>{text}</>;
  return <>{runs.map((r, i) => (r.sub ? <sub key={i}>{r.text}</sub> : r.text))}</>;
}

export function SymbolText({ text }: { text: string }) {
  const entries = useGlossary();
  const parts = useMemo(() => splitSymbols(text, entries), [text, entries]);
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          <RichText key={i} text={p} />
        ) : (
          <GlossaryTerm key={i} entry={p}>
            <RichText text={p.aliases.find((a) => text.includes(a)) ?? p.aliases[0]} />
          </GlossaryTerm>
        ),
      )}
    </>
  );
}

/** Every symbol of the chapter in one list: symbol, meaning, unit, range. */
export function GlossaryList({ chapter, symbols }: { chapter: Chapter; symbols?: string[] }) {
  const all = useGlossary();
  const tex = useTexReady();
  const entries = symbols ? all.filter((e) => symbols.includes(e.tex)) : all;
  const rows = useMemo(() => entries.map((e) => ({ e, html: inlineHtml(`$${e.tex}$`) })), [entries, tex]);
  return (
    <details className="glossary" data-testid="glossary">
      <summary>Symbols in this chapter ({entries.length})</summary>
      <dl aria-label={`Symbols: ${chapter.title}`}>
        {rows.map(({ e, html }) => (
          <div key={e.tex}>
            <dt dangerouslySetInnerHTML={{ __html: html }} />
            <dd>{entryText(e)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
