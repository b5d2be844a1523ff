import { useApp } from '../state/context';
import type { SimClient } from '../state/simClient';

/**
 * Run status (idle|running|done), progress, cancel / run, and the tfjs backend in use. Compact frames keep the same elements, with shorter labels.
 * `bare` (an embed with `controls=0`: the figure alone) keeps only the status and backend, for screen readers and scripts.
 */
export function RunStatusBar({
  sims,
  compact = false,
  bare = false,
}: {
  sims: SimClient;
  compact?: boolean;
  bare?: boolean;
}) {
  const status = useApp((s) => s.run.status);
  const done = useApp((s) => s.run.done);
  const total = useApp((s) => s.run.total);
  const wallMs = useApp((s) => s.run.wallMs);
  const backend = useApp((s) => s.backendInfo);
  const hasSim = useApp((s) => !!s.chapter?.loadSim && !!s.chapter.figures.find((f) => f.id === s.fig)?.simTasks);
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const hide = compact ? 'visually-hidden' : undefined;
  if (bare) {
    return (
      <div className="run-bar visually-hidden">
        Simulation: <span data-testid="run-status">{status}</span>, tfjs backend:{' '}
        <span data-testid="backend">{backend.name}</span>
      </div>
    );
  }
  return (
    <div className={`run-bar${compact ? ' compact' : ''}`}>
      <span className={`run-status status-${status}`}>
        <span className={hide}>Simulation: </span>
        <span data-testid="run-status">{status}</span>
      </span>
      <progress max={1} value={status === 'done' ? 1 : fraction} aria-label="simulation progress" />
      {status === 'running' ? (
        <button type="button" onClick={() => sims.cancel()}>
          Cancel
        </button>
      ) : (
        <button
          type="button"
          onClick={() => sims.runNow()}
          disabled={!hasSim}
          title={hasSim ? undefined : 'This figure has no simulation'}
        >
          {status === 'done' ? 'Run again' : 'Run'}
        </button>
      )}
      {!compact && status === 'done' && wallMs !== undefined && (
        <span className="wall">{(wallMs / 1000).toFixed(1)} s</span>
      )}
      <span className="backend" title={backend.detail}>
        <span className={hide}>tfjs backend: </span>
        <span data-testid="backend">{backend.name}</span>
      </span>
    </div>
  );
}
