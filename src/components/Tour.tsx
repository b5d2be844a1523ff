import { useEffect, useMemo, useRef, useState } from 'react';
import type { Chapter } from '../engine/core/chapter';
import { stepFigure, type TourStep } from '../engine/core/guide';
import { useApp, useAppStore } from '../state/context';
import { stepHref, stepMoved, stepTarget, tourSteps } from '../state/tour';
import { useGlossary } from './Glossary';
import { TRY } from './Article';
import { inlineHtml, takeSection, useTexReady } from './tex';

/** A step's text, typeset; on the page its symbols are glossary terms (not in an embed's clipped caption). */
function Tex({ text, terms = true }: { text: string; terms?: boolean }) {
  const tex = useTexReady();
  const all = useGlossary();
  const gloss = terms ? all : undefined;
  const html = useMemo(() => inlineHtml(text, gloss), [text, gloss, tex]);
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Go to step n (its preset or figure and parameters, and the step in the link), or leave the tour (null). */
export function useGoToStep(chapter: Chapter): (n: number | null) => void {
  const store = useAppStore();
  return (n) => {
    const step = n ? tourSteps(chapter)[n - 1] : undefined;
    if (!step) return store.getState().replaceView({ step: null });
    const t = stepTarget(chapter, step, store.getState().params);
    store.getState().replaceView({ fig: t.fig, params: t.params, step: n });
  };
}

/**
 * Whether the step's answer is shown: once the reader has moved the step's slider (or asked for it).
 * Moving back does not hide it again; another step starts hidden.
 */
function useReveal(chapter: Chapter, n: number | null, step: TourStep | undefined): [boolean, () => void] {
  const params = useApp((s) => s.params);
  const moved = !!step && stepMoved(chapter, step, params);
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    if (moved && n) setShown(n);
  }, [moved, n]);
  return [!!n && shown === n, () => n && setShown(n)];
}

/** The step the link is on, if the chapter has it; leaves the tour when the reader switches to another figure. */
function useCurrentStep(chapter: Chapter): { n: number | null; step: TourStep | undefined; steps: TourStep[] } {
  const steps = tourSteps(chapter);
  const stepN = useApp((s) => s.step ?? null);
  const fig = useApp((s) => s.fig);
  const replaceView = useApp((s) => s.replaceView);
  const step = stepN ? steps[stepN - 1] : undefined;
  const off = !!step && stepFigure(chapter, step) !== fig;
  useEffect(() => {
    if (off) replaceView({ step: null });
  }, [off, replaceView]);
  return { n: step && !off ? stepN : null, step: off ? undefined : step, steps };
}

/**
 * The chapter's guided tour, at the top of the page: numbered steps as links
 * (`step=<n>`, so a lecturer can put one on a slide), the current step's one
 * sentence "move X, watch Y", a prediction asked first where it teaches best
 * and its answer once the reader has moved the slider.
 */
export function Tour({ chapter }: { chapter: Chapter }) {
  const { n, step, steps } = useCurrentStep(chapter);
  const go = useGoToStep(chapter);
  const [revealed, reveal] = useReveal(chapter, n, step);
  if (!steps.length) return null;
  return (
    <section className={n ? 'tour in-step' : 'tour'} aria-labelledby={`tour-${chapter.id}`} data-testid="tour">
      <div className="tour-head">
        <h2 id={`tour-${chapter.id}`}>{n ? 'Guided tour' : `Start here: a ${steps.length}-step guided tour`}</h2>
        <StepLinks chapter={chapter} steps={steps} n={n} go={go} />
        {!n && (
          <button type="button" className="tour-start" onClick={() => go(1)}>
            Start
          </button>
        )}
      </div>
      <div aria-live="polite">
        {step && n ? (
          <StepPanel chapter={chapter} step={step} n={n} count={steps.length} go={go} answer={[revealed, reveal]} />
        ) : null}
      </div>
    </section>
  );
}

/** The steps as links (`step=<n>`): a plain click moves within the page, a modified one opens the link. */
function StepLinks({
  chapter,
  steps,
  n,
  go,
}: {
  chapter: Chapter;
  steps: TourStep[];
  n: number | null;
  go: (n: number | null) => void;
}) {
  return (
    <ol className="tour-steps">
      {steps.map((s, i) => (
        <li key={i}>
          <a
            href={stepHref(chapter, i + 1)}
            aria-current={n === i + 1 ? 'step' : undefined}
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              go(i + 1);
            }}
          >
            <span className="tour-num" aria-hidden="true">
              {i + 1}
            </span>
            <span className="visually-hidden">Step {i + 1}: </span>
            {s.title}
          </a>
        </li>
      ))}
    </ol>
  );
}

/** Step n of `count`: its text, the prediction asked and its answer, and the way on (or out). */
function StepPanel({
  chapter,
  step,
  n,
  count,
  go,
  answer: [revealed, reveal],
}: {
  chapter: Chapter;
  step: TourStep;
  n: number;
  count: number;
  go: (n: number | null) => void;
  answer: [boolean, () => void];
}) {
  // The article's "What to try" (more than the steps show) closes the tour.
  const more = useMemo(() => takeSection(chapter.text, TRY).body, [chapter]);
  // "Show the answer" disappears when pressed: focus moves to the answer, not to the page's start.
  const answerRef = useRef<HTMLParagraphElement>(null);
  const [focusAnswer, setFocusAnswer] = useState(false);
  useEffect(() => {
    if (focusAnswer && revealed) {
      answerRef.current?.focus();
      setFocusAnswer(false);
    }
  }, [focusAnswer, revealed]);
  return (
    <div className="tour-step" data-testid="tour-step" data-step={n}>
      <p className="tour-text">
        <strong>
          Step {n} of {count}.
        </strong>{' '}
        <Tex text={step.text} />
      </p>
      {step.predict && (
        <p className="tour-predict">
          <strong>Predict:</strong> <Tex text={step.predict} />
        </p>
      )}
      {step.reveal && revealed && (
        <p className="tour-reveal" data-testid="tour-reveal" ref={answerRef} tabIndex={-1}>
          <strong>Answer:</strong> <Tex text={step.reveal} />
        </p>
      )}
      {n === count && more && (
        <details className="tour-more" data-testid="tour-more">
          <summary>More to try on your own</summary>
          <p>
            <Tex text={more} />
          </p>
        </details>
      )}
      <div className="tour-actions">
        {step.predict && !revealed && (
          <button
            type="button"
            className="tour-reveal-button"
            onClick={() => {
              reveal();
              setFocusAnswer(true);
            }}
          >
            Show the answer
          </button>
        )}
        <div className="tour-buttons">
          <button type="button" onClick={() => go(n - 1)} disabled={n <= 1}>
            ← Previous
          </button>
          <button type="button" onClick={() => go(n + 1)} disabled={n >= count}>
            Next →
          </button>
          <button type="button" className="tour-leave" onClick={() => go(null)}>
            Leave the tour
          </button>
        </div>
      </div>
    </div>
  );
}

/** In an embed: the step's text as a compact caption above the figure (a slide shows one step). */
export function TourCaption({ chapter }: { chapter: Chapter }) {
  const { n, step, steps } = useCurrentStep(chapter);
  const [revealed] = useReveal(chapter, n, step);
  if (!step || !n) return null;
  return (
    <p className="tour-caption" data-testid="tour-step" data-step={n} aria-live="polite">
      <strong>
        {n}/{steps.length}
      </strong>{' '}
      <Tex terms={false} text={step.text} />
      {step.predict && !revealed && (
        <>
          {' '}
          <em>
            <Tex terms={false} text={step.predict} />
          </em>
        </>
      )}
      {step.reveal && revealed && (
        <>
          {' '}
          <Tex terms={false} text={step.reveal} />
        </>
      )}
    </p>
  );
}
