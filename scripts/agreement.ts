/**
 * `npm run -s agreement -- [--chapter=<id>[,<id>…]]… [--fig=<id>] [--preset=<id>] [--defaults-only] [--all-figures]
 * [--json] [--backend=wasm|cpu] [--seed=S]`
 *
 * A benchmark, not a test: for each chapter's default figure (default parameters) and each preset whose figure
 * simulates, run theory and simulation through the same code as the CLI (`src/cli/compute.ts`, the shared runner,
 * `figureData`) and print every simulated point next to the theory at the same x: simulation value, standard error,
 * seed count, theory, z = (sim − theory)/s.e. and the gap. One summary line per figure: max |z|, max |gap|, and
 * whether every point is within the house tolerance max(2.5 s.e., 0.02), plus the figure's wall and CPU time (CPU
 * time says what the figure costs when other work shares the machine). Points inside an x band the chart marks
 * as "finite size …" are flagged: there the chart itself says why the d → ∞ theory and the simulation differ.
 * A simulated series `sim:<p>` is compared with the theory series `theory:<p>`; without one it is "no theory".
 * `--all-figures` checks every simulating figure of the chapter at its defaults, not only the first one (a
 * figure's defaults are a reader's first view of it too).
 */
import { chapters } from '../src/engine/chapters';
import type { Chapter, Figure, Mark, TheoryResult } from '../src/engine/core/chapter';
import { defaults, sanitize, type Params } from '../src/engine/core/schema';
import type { SimPoint } from '../src/engine/core/simRunner';
import { figureData, type FigureData } from '../src/engine/core/figureData';
import { withSimOverlay } from '../src/engine/core/overlay';
import { computeCurve, theoryAlong } from '../src/cli/compute';
import { setupTfNode } from '../src/cli/tfNode';

const TOL_Z = 2.5;
const TOL_ABS = 0.02;

interface Row {
  series: string;
  task: string;
  x: number;
  y2?: number;
  sim: number;
  se: number;
  seeds: number;
  theory: number | null;
  z: number | null;
  gap: number | null;
  ok: boolean | null;
  /** Label of a finite-size band the chart draws over this x (marks whose label starts with "finite size"). */
  band?: string;
}

interface Report {
  chapter: string;
  fig: string;
  preset: string;
  params: Params;
  wall_s: number;
  /** CPU time of this process over the figure (user + system): the machine may be shared, wall time then overstates. */
  cpu_s: number;
  rows: Row[];
  notices: string[];
  /** Over the points that have theory; null when none has. */
  maxAbsZ: number | null;
  maxAbsGap: number | null;
  within: boolean | null;
  error?: string;
  /** The figure's data as the CLI prints it (`npm run -s curve -- … --sim --format=json`). */
  data?: FigureData;
}

interface Job {
  chapter: Chapter;
  fig: Figure;
  preset: string;
  params: Params;
}

function parseArgs(argv: string[]) {
  const chapterIds: string[] = [];
  const out = {
    chapterIds,
    fig: undefined as string | undefined,
    preset: undefined as string | undefined,
    defaultsOnly: false,
    allFigures: false,
    json: false,
    backend: 'wasm' as 'wasm' | 'cpu',
    seed: 1,
  };
  for (const a of argv) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unexpected argument "${a}"`);
    const [, k, v] = m;
    if (k === 'chapter' && v) chapterIds.push(...v.split(',').filter(Boolean));
    else if (k === 'fig' && v) out.fig = v;
    else if (k === 'preset' && v) out.preset = v;
    else if (k === 'defaults-only') out.defaultsOnly = true;
    else if (k === 'all-figures') out.allFigures = true;
    else if (k === 'json') out.json = true;
    else if (k === 'backend' && (v === 'wasm' || v === 'cpu')) out.backend = v;
    else if (k === 'seed' && v && /^\d+$/.test(v)) out.seed = Number(v);
    else throw new Error(`unknown or malformed flag "${a}"`);
  }
  return out;
}

function jobsFor(opts: ReturnType<typeof parseArgs>): Job[] {
  const ready = chapters.filter((c) => c.status === 'ready');
  for (const id of opts.chapterIds)
    if (!ready.some((c) => c.id === id))
      throw new Error(`--chapter: "${id}" is not one of ${ready.map((c) => c.id).join('|')}`);
  const jobs: Job[] = [];
  for (const ch of ready) {
    if (opts.chapterIds.length && !opts.chapterIds.includes(ch.id)) continue;
    for (const fig of opts.allFigures ? ch.figures : ch.figures.slice(0, 1))
      if (!opts.preset && fig.simTasks && (!opts.fig || opts.fig === fig.id))
        jobs.push({ chapter: ch, fig, preset: '(default)', params: defaults(ch.schema) });
    if (opts.defaultsOnly) continue;
    for (const p of ch.presets) {
      const fig = ch.figures.find((f) => f.id === p.fig);
      if (!fig?.simTasks) continue;
      if (opts.fig && opts.fig !== fig.id) continue;
      if (opts.preset && opts.preset !== p.id) continue;
      jobs.push({
        chapter: ch,
        fig,
        preset: p.id,
        params: sanitize(ch.schema, { ...defaults(ch.schema), ...p.params }),
      });
    }
  }
  return jobs;
}

/** Bilinear interpolation of a theory map at (x, y); null outside the grid or next to a blank cell. */
function mapAt(h: NonNullable<TheoryResult['heatmap']>, x: number, y: number): number | null {
  const bracket = (vs: number[], v: number): [number, number, number] | undefined => {
    for (let i = 0; i + 1 < vs.length; i++)
      if (v >= vs[i] && v <= vs[i + 1]) return [i, i + 1, vs[i + 1] === vs[i] ? 0 : (v - vs[i]) / (vs[i + 1] - vs[i])];
    return vs.length === 1 && vs[0] === v ? [0, 0, 0] : undefined;
  };
  const bx = bracket(h.xs, x);
  const by = bracket(h.ys, y);
  if (!bx || !by) return null;
  const [j0, j1, tx] = bx;
  const [i0, i1, ty] = by;
  const v = (1 - ty) * ((1 - tx) * h.z[i0][j0] + tx * h.z[i0][j1]) + ty * ((1 - tx) * h.z[i1][j0] + tx * h.z[i1][j1]);
  return Number.isFinite(v) ? v : null;
}

/** Theory value of every simulated point, evaluated at the point's own x (and y for maps). */
function theoryAtPoints(job: Job, points: SimPoint[], gridTheory: TheoryResult): Map<SimPoint, number | null> {
  const out = new Map<SimPoint, number | null>();
  const theoryId = (s: string) => `theory:${s.replace(/^sim:/, '')}`;
  const map = gridTheory.heatmap;
  const linePts = points.filter((p) => p.y2 === undefined);
  for (const p of points.filter((q) => q.y2 !== undefined))
    out.set(p, map && map.id === theoryId(p.series) ? mapAt(map, p.x, p.y2!) : null);
  if (linePts.length && !map) {
    const xs = [...new Set(linePts.map((p) => p.x))].filter(Number.isFinite).sort((a, b) => a - b);
    // The CLI's own `--x` path: the figure's theory on exactly these x values.
    const at = xs.length
      ? theoryAlong(job.fig, job.params, { name: job.fig.sweep ?? job.fig.x.name, values: xs })
      : { x: [], series: [] };
    for (const p of linePts) {
      const s = at.series?.find((q) => q.id === theoryId(p.series));
      const i = at.x?.indexOf(p.x) ?? -1;
      const v = s && i >= 0 ? s.y[i] : undefined;
      out.set(p, v !== undefined && Number.isFinite(v) ? v : null);
    }
  }
  return out;
}

/**
 * One row per simulated point: its theory value at the same x, the gap and its z-score, whether it is within the
 * tolerance, and the finite-size band it lies in (if any).
 */
function comparisonRows(job: Job, points: SimPoint[], theory: TheoryResult): Row[] {
  const bands = (theory.marks ?? []).filter(
    (m): m is Extract<Mark, { kind: 'xband' }> => m.kind === 'xband' && /^finite size/i.test(m.label),
  );
  const th = theoryAtPoints(job, points, theory);
  return points.map((p) => {
    const t = th.get(p) ?? null;
    const gap = t === null ? null : p.y - t;
    const z = gap === null ? null : p.err > 0 ? gap / p.err : gap === 0 ? 0 : Infinity * Math.sign(gap);
    const ok = gap === null ? null : Math.abs(gap) <= Math.max(TOL_Z * p.err, TOL_ABS);
    const row: Row = {
      series: p.series,
      task: p.task,
      x: p.x,
      sim: p.y,
      se: p.err,
      seeds: p.seeds,
      theory: t,
      z,
      gap,
      ok,
    };
    if (p.y2 !== undefined) row.y2 = p.y2;
    const band = p.y2 === undefined ? bands.find((b) => p.x >= b.x0 && p.x <= b.x1) : undefined;
    if (band) row.band = band.label;
    return row;
  });
}

async function runJob(job: Job, seed: number): Promise<Report> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpu = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  const base = { chapter: job.chapter.id, fig: job.fig.id, preset: job.preset, params: job.params };
  try {
    const { theory, points, notices } = await computeCurve({
      chapter: job.chapter,
      fig: job.fig,
      params: job.params,
      sim: true,
      seed,
      format: 'json',
      backend: 'cpu',
    });
    // Exactly what the CLI prints for this figure, kept in the JSON output.
    const data = figureData(
      job.chapter,
      job.fig,
      job.params,
      withSimOverlay(job.fig, theory, points, job.params) ?? undefined,
      points,
      seed,
    );
    const wall_s = (performance.now() - t0) / 1000;
    const cpu_s = cpu();
    const rows = comparisonRows(job, points, theory);
    const compared = rows.filter((r) => r.gap !== null);
    return {
      ...base,
      wall_s,
      cpu_s,
      rows,
      data,
      notices: [...new Set(notices)],
      maxAbsZ: compared.length ? Math.max(...compared.map((r) => Math.abs(r.z!))) : null,
      maxAbsGap: compared.length ? Math.max(...compared.map((r) => Math.abs(r.gap!))) : null,
      within: compared.length ? compared.every((r) => r.ok) : null,
    };
  } catch (e) {
    return {
      ...base,
      wall_s: (performance.now() - t0) / 1000,
      cpu_s: cpu(),
      rows: [],
      notices: [],
      maxAbsZ: null,
      maxAbsGap: null,
      within: null,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

const f = (v: number | null, d = 4) => (v === null ? '—' : Number.isFinite(v) ? v.toFixed(d) : String(v));

function printReport(r: Report): void {
  const lines = [`\n== ${r.chapter} / ${r.fig} / ${r.preset}`];
  if (r.error) lines.push(`   ERROR: ${r.error}`);
  if (r.rows.length)
    lines.push(
      `   ${'series'.padEnd(24)} ${'task'.padEnd(28)} ${'x'.padStart(8)} ${'sim'.padStart(9)} ` +
        `${'s.e.'.padStart(8)} ${'seeds'.padStart(5)} ${'theory'.padStart(9)} ${'z'.padStart(7)} ` +
        `${'gap'.padStart(8)}`,
    );
  for (const row of r.rows) {
    const mark =
      (row.ok === null ? '  no theory' : row.ok ? '' : '  OUT') + (row.band ? '  [in the finite-size band]' : '');
    lines.push(
      `   ${row.series.padEnd(24)} ${row.task.padEnd(28)} ${f(row.x, 3).padStart(8)} ${f(row.sim).padStart(9)} ` +
        `${f(row.se).padStart(8)} ${String(row.seeds).padStart(5)} ${f(row.theory).padStart(9)} ` +
        `${f(row.z, 2).padStart(7)} ${f(row.gap).padStart(8)}${mark}`,
    );
  }
  for (const n of r.notices) lines.push(`   note: ${n}`);
  const out = r.rows.filter((x) => x.ok === false);
  const inBand = out.filter((x) => x.band).length;
  const summary =
    r.within === null
      ? 'no theory to compare'
      : `max|z| ${f(r.maxAbsZ, 2)}, max|gap| ${f(r.maxAbsGap)}, ${r.within ? 'within' : 'NOT within'} max(${TOL_Z} ` +
        `s.e., ${TOL_ABS}) (${out.length}/${r.rows.filter((x) => x.ok !== null).length} ` +
        `out${inBand ? `, ${inBand} of them in the marked finite-size band` : ''})`;
  lines.push(
    `   SUMMARY ${r.chapter}/${r.fig}/${r.preset}: ${summary}; wall ${r.wall_s.toFixed(1)} s, cpu ` +
      `${r.cpu_s.toFixed(1)} s`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parseArgs>;
  let jobs: Job[];
  try {
    opts = parseArgs(process.argv.slice(2));
    jobs = jobsFor(opts);
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let backend: string;
  try {
    backend = await setupTfNode(opts.backend);
  } catch {
    backend = await setupTfNode('cpu');
  }
  if (!opts.json)
    process.stdout.write(
      `agreement: ${jobs.length} figure(s), tfjs backend ${backend}, seed ${opts.seed}, tolerance max(${TOL_Z} ` +
        `s.e., ${TOL_ABS})\n`,
    );
  const reports: Report[] = [];
  for (const job of jobs) {
    const r = await runJob(job, opts.seed);
    reports.push(r);
    if (!opts.json) printReport(r);
  }
  if (opts.json)
    process.stdout.write(
      `${JSON.stringify({ backend, seed: opts.seed, tolerance: { z: TOL_Z, abs: TOL_ABS }, figures: reports })}\n`,
    );
  else {
    process.stdout.write('\n== summary\n');
    for (const r of reports) {
      const verdict = r.error ? 'ERROR' : r.within === null ? 'no theory' : r.within ? 'ok' : 'OUT';
      process.stdout.write(
        `   ${`${r.chapter}/${r.fig}/${r.preset}`.padEnd(48)} ${verdict.padEnd(9)} max|z| ` +
          `${f(r.maxAbsZ, 2).padStart(7)}  max|gap| ${f(r.maxAbsGap).padStart(8)}  wall ` +
          `${r.wall_s.toFixed(1).padStart(6)} s  cpu ${r.cpu_s.toFixed(1).padStart(6)} s\n`,
      );
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
