/**
 * The export actions, loaded on demand (dynamic import from ExportMenu) so that
 * none of this is in the main bundle. Every file carries its provenance: the
 * figure (SVG, PNG) in its footer, the data (CSV) in `#` header lines, JSON
 * in a `provenance` key beside the CLI's numbers.
 */
import * as Comlink from 'comlink';
import type { TheoryResult } from '../../engine/core/chapter';
import { exportBaseName, exportDataAsync, toCsv, toCsvWithProvenance, toJson } from '../../engine/core/export';
import type { Params } from '../../engine/core/schema';
import type { TheoryApi } from '../../workers/theory.worker';
import { saveBlob } from './download';
import { svgToPng } from './pngExport';
import { buildSvg, type ExportInput } from './svgExport';

export type ExportKind = 'svg' | 'png2' | 'png4' | 'csv' | 'json';

export async function runExport(kind: ExportKind, input: ExportInput): Promise<string> {
  const { chapter, fig, params, theory, points, seed, provenance } = input;
  const base = exportBaseName(chapter, fig, params, points.length ? seed : undefined);
  if (kind === 'csv' || kind === 'json') {
    const data = await exportDataAsync(chapter, fig, params, theory, points, seed, (xs) =>
      theoryInWorker(chapter.id, fig.id, params, xs),
    );
    const name = `${base}.${kind}`;
    const text =
      kind === 'json' ? toJson(data, provenance) : provenance ? toCsvWithProvenance(data, provenance) : toCsv(data);
    saveBlob(name, new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' }));
    return name;
  }
  const { svg, width, height } = buildSvg(input);
  if (kind === 'svg') {
    const name = `${base}.svg`;
    saveBlob(name, new Blob([svg], { type: 'image/svg+xml' }));
    return name;
  }
  const scale = kind === 'png2' ? 2 : 4;
  const name = `${base}@${scale}x.png`;
  saveBlob(name, await svgToPng(svg, width, height, scale));
  return name;
}

export type { ExportInput };

/** A slow figure's theory at extra x (the simulated ones): a one-off theory worker, ended once it answers. */
async function theoryInWorker(chapter: string, fig: string, params: Params, xs: number[]): Promise<TheoryResult> {
  const worker = new Worker(new URL('../../workers/theory.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await Comlink.wrap<TheoryApi>(worker).compute(chapter, fig, params, xs);
  } finally {
    worker.terminate();
  }
}
