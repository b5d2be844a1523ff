/**
 * The short notes a figure shows in place of, or beside, what it cannot draw yet. Each is an element or
 * `false`, so that callers can pick the first one that applies with `||`.
 */
import type { ReactNode } from 'react';

/** The theory is still being computed, or is a preview blended from nearby results. */
export function theoryNote(pending: boolean, preview: boolean, waiting: boolean): ReactNode {
  return (
    pending && (
      <span className={waiting ? 'theory-updating waiting' : 'theory-updating'} aria-hidden="true">
        {preview ? 'theory: preview, refining…' : waiting ? 'Computing the theory curves…' : 'computing theory…'}
      </span>
    )
  );
}

/** A figure without theory (networks only) is an empty plot until its first point: this says why. */
export function simWaitingNote(running: boolean): ReactNode {
  return (
    <span className="theory-updating waiting" data-testid="sim-waiting">
      {running
        ? 'Training networks in your browser: each point appears when its networks are trained.'
        : 'This figure has no theory: its points are networks trained in your browser. ' +
          'Press Run below to train them.'}
    </span>
  );
}
