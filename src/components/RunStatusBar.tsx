import { useApp } from '../state/context';
import type { SimClient } from '../state/simClient';
import type { RunTrail } from '../state/store';
import { formatNumber, formatWithError } from './formatNumber';
import './runStatus.css';

/**
 * Run status (idle|running|done), progress, cancel / run, and the tfjs backend in use. Compact frames keep the
 * same elements, with shorter labels.
 * `bare` (an embed with `controls=0`: the figure alone) keeps only the status and backend, for screen readers and
 * scripts.
 * While a run goes on, a small trace shows the point last updated settling as its seeds arrive (its running mean ±
 * standard error against the seed count); its slot keeps its size when idle, so nothing moves when a run starts or
 * ends.
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
      <LiveTrace compact={compact} running={status === 'running'} />
      <RunAnnouncer status={status} fraction={fraction} />
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

const W = 64;
const H = 18;
const PAD = 2;

/** The last updated point's running mean (line, dot at the newest seed) ± s.e. (band), against seeds 1…target. */
function LiveTrace({ compact, running }: { compact: boolean; running: boolean }) {
  const trail = useApp((s) => s.run.trail);
  const label = useApp((s) => {
    const id = s.run.trail?.series.replace(/^sim:/, '');
    return s.chapter?.figures.find((f) => f.id === s.fig)?.protocols.find((p) => p.id === id)?.label ?? id ?? '';
  });
  const xName = useApp((s) => s.chapter?.figures.find((f) => f.id === s.fig)?.x.name ?? 'x');
  const show = running ? trail : undefined;
  const n = show?.means.length ?? 0;
  const last = n ? formatWithError(show!.means[n - 1], show!.errs[n - 1]) : '';
  const title = show ? `${label} at ${xName} = ${formatNumber(show.x)}: ${last} (${n} of ${show.target} seeds)` : '';
  return (
    <span
      className={`run-live${running ? '' : ' off'}${show ? '' : ' waiting'}`}
      data-testid="run-live"
      data-seeds={n}
      title={title || (running ? 'training: waiting for the first seed' : undefined)}
      aria-hidden="true"
    >
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} focusable="false">
        {show ? <TrailMarks trail={show} /> : <line className="pulse" x1={PAD} x2={W - PAD} y1={H / 2} y2={H / 2} />}
      </svg>
      {!compact && <span className="run-live-text">{show ? `${n}/${show.target}` : ''}</span>}
    </span>
  );
}

function TrailMarks({ trail }: { trail: RunTrail }) {
  const { means, errs, target } = trail;
  const lo = Math.min(...means.map((m, i) => m - errs[i]));
  const hi = Math.max(...means.map((m, i) => m + errs[i]));
  const span = hi - lo || Math.abs(hi) || 1;
  const sx = (k: number) => PAD + ((W - 2 * PAD) * k) / Math.max(1, target - 1);
  const sy = (v: number) => H - PAD - ((H - 2 * PAD) * (v - (lo - span * 0.1))) / (span * 1.2);
  const pts = means.map((m, k) => `${sx(k).toFixed(1)},${sy(m).toFixed(1)}`);
  const upper = means.map((m, k) => `${sx(k).toFixed(1)},${sy(m + errs[k]).toFixed(1)}`);
  const lower = means.map((m, k) => `${sx(k).toFixed(1)},${sy(m - errs[k]).toFixed(1)}`).reverse();
  const k = means.length - 1;
  return (
    <>
      {k > 0 && <polygon className="band" points={[...upper, ...lower].join(' ')} />}
      {k > 0 && <polyline className="mean" points={pts.join(' ')} />}
      <circle className="now" cx={sx(k)} cy={sy(means[k])} r={2} />
    </>
  );
}

/** A polite, sparse text for screen readers: the run starting, its first points, each quarter, and the end. */
function RunAnnouncer({ status, fraction }: { status: string; fraction: number }) {
  const hasPoint = useApp((s) => !!s.run.trail);
  let text = '';
  if (status === 'done') text = 'Simulation done.';
  else if (status === 'running') {
    const quarter = Math.floor(fraction * 4);
    text = !hasPoint
      ? 'Simulation running.'
      : quarter === 0
        ? 'Simulation running: first points drawn.'
        : `Simulation ${quarter * 25}% done.`;
  }
  return (
    <span className="visually-hidden" aria-live="polite" data-testid="run-announce">
      {text}
    </span>
  );
}
