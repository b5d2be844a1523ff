import { useId, useMemo, useState } from 'react';
import type { Figure } from '../engine/core/chapter';
import { exportData } from '../engine/core/export';
import type { FigureData } from '../engine/core/figureData';
import { labelOf } from './charts/lineChart';
import type { FigureView } from './figureView';
import { formatWithError } from './formatNumber';

const cell = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—';
/** A simulated mean to the precision of its error bar (0.117 ± 0.007, not 0.1173 ± 0.007243). */
const withError = (v: number | null | undefined, err: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : err === null || err === undefined || !(err > 0)
      ? `${cell(v)} ± ${cell(err)}`
      : formatWithError(v, err);

/** The figure's numbers as an HTML table (the same data as the CSV export), on demand. */
export function DataTable(props: FigureView) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="data-table">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? 'Hide data table' : 'Show data table'}
      </button>
      <div id={id} hidden={!open}>
        {open && <Table {...props} />}
      </div>
    </div>
  );
}

function Table({ chapter, fig, theory, points, params, seed }: FigureView) {
  const data = useMemo(
    () => exportData(chapter, fig, params, theory, points, seed),
    [chapter, fig, params, theory, points, seed],
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Data of “${fig.title}”`}>
      {data.heatmap ? <MapTable fig={fig} data={data} /> : <LineTable fig={fig} data={data} />}
      {data.series
        .filter((s) => s.x)
        .map((s) => (
          <PointTable key={s.id} fig={fig} s={s} />
        ))}
    </div>
  );
}

function LineTable({ fig, data }: { fig: Figure; data: FigureData }) {
  const cols = data.series.filter((s) => !s.x);
  if (!cols.length) return <p>No curve data yet.</p>;
  return (
    <table>
      <caption>
        {fig.y.label} against {fig.x.label}; simulated values are mean ± standard error
      </caption>
      <thead>
        <tr>
          <th scope="col">{fig.x.name}</th>
          {cols.map((s) => (
            <th scope="col" key={s.id}>
              {labelOf(fig, s.id)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.x.values.map((x, i) => (
          <tr key={i}>
            <th scope="row">{cell(x)}</th>
            {cols.map((s) => (
              <td key={s.id}>{s.err ? (s.y[i] === null ? '—' : withError(s.y[i], s.err[i])) : cell(s.y[i])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MapTable({ fig, data }: { fig: Figure; data: FigureData }) {
  const hm = data.heatmap!;
  return (
    <table>
      <caption>
        {fig.z?.label ?? hm.id} (theory) at each {fig.x.name} and {fig.y.name}
      </caption>
      <thead>
        <tr>
          <th scope="col">{fig.x.name}</th>
          <th scope="col">{fig.y.name}</th>
          <th scope="col">{fig.z?.label ?? hm.id}</th>
        </tr>
      </thead>
      <tbody>
        {hm.y.values.flatMap((yv, i) =>
          data.x.values.map((xv, j) => (
            <tr key={`${i}-${j}`}>
              <td>{cell(xv)}</td>
              <td>{cell(yv)}</td>
              <td>{cell(hm.z[i][j])}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function PointTable({ fig, s }: { fig: Figure; s: FigureData['series'][number] & { y2?: number[] } }) {
  return (
    <table>
      <caption>
        {labelOf(fig, s.id)}: simulated points (mean ± standard error over {s.seeds ?? '?'} seeds)
      </caption>
      <thead>
        <tr>
          <th scope="col">{fig.x.name}</th>
          {s.y2 && <th scope="col">{fig.y.name}</th>}
          <th scope="col">{s.y2 ? (fig.z?.label ?? 'value') : fig.y.name}</th>
        </tr>
      </thead>
      <tbody>
        {s.y.map((y, i) => (
          <tr key={i}>
            <td>{cell(s.x?.[i])}</td>
            {s.y2 && <td>{cell(s.y2[i])}</td>}
            <td>{y === null ? '—' : withError(y, s.err?.[i])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
