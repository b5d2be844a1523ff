import { useApp } from '../state/context';
import type { SimClient } from '../state/simClient';

/** Run status (idle|running|done), progress, cancel / run, and the tfjs backend in use. */
export function RunStatusBar({ sims }: { sims: SimClient }) {
  const status = useApp((s) => s.run.status);
  const done = useApp((s) => s.run.done);
  const total = useApp((s) => s.run.total);
  const wallMs = useApp((s) => s.run.wallMs);
  const backend = useApp((s) => s.backendInfo);
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div className="run-bar">
      <span className={`run-status status-${status}`}>
        Simulation: <span data-testid="run-status">{status}</span>
      </span>
      <progress max={1} value={status === 'done' ? 1 : fraction} aria-label="simulation progress" />
      {status === 'running' ? (
        <button type="button" onClick={() => sims.cancel()}>
          Cancel
        </button>
      ) : (
        <button type="button" onClick={() => sims.runNow()}>
          {status === 'done' ? 'Run again' : 'Run'}
        </button>
      )}
      {status === 'done' && wallMs !== undefined && <span className="wall">{(wallMs / 1000).toFixed(1)} s</span>}
      <span className="backend" title={backend.detail}>
        tfjs backend: <span data-testid="backend">{backend.name}</span>
      </span>
    </div>
  );
}
