/**
 * Writes the theory results shipped with the app, src/precomputed/<chapter>.json
 * (plan: src/state/persist/shipPlan.ts), with the same engine the app runs, so
 * that default and preset links draw their exact curves without computing them.
 *
 * Idempotent and cheap to rerun: a chapter whose file already holds exactly the
 * planned results for the chapter's current engine version (scripts/engineVersion.ts) is
 * left alone; otherwise the whole chapter is recomputed in plan order in this
 * fresh process, which is what test/shipped.test.ts repeats to check the numbers
 * (some solvers warm-start from the previous point, so the order is part of the
 * recipe). Files of chapters with nothing to ship are removed.
 *
 * Usage: npm run ship-theory [-- --force] [-- --chapter=<id>]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chapters } from '../src/engine/chapters';
import { encodeNonFinite, persistKey, type ShippedFile } from '../src/state/persist/codec';
import { shipPlan } from '../src/state/persist/shipPlan';
import { chapterVersion } from './engineVersion';

const SHIPPED_DIR = join(process.cwd(), 'src', 'precomputed');

export function shippedPath(chapter: string) {
  return join(SHIPPED_DIR, `${chapter}.json`);
}

/** Compute one chapter's planned results in plan order (the recipe the test repeats). */
function computeShipped(chapterId: string, engine: string): ShippedFile {
  const ch = chapters.find((c) => c.id === chapterId)!;
  const results = shipPlan(ch).map(({ fig, params }) => {
    const f = ch.figures.find((g) => g.id === fig)!;
    return { fig, params, result: encodeNonFinite(f.theory(params, f.grid(params))) };
  });
  return { engine, chapter: ch.id, results };
}

/** One result per line: small diffs when a figure changes, and readable. */
function formatShipped(file: ShippedFile): string {
  const head = JSON.stringify({ engine: file.engine, chapter: file.chapter });
  return `${head.slice(0, -1)},"results":[\n${file.results.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

function upToDate(path: string, chapterId: string, engine: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as ShippedFile;
    const ch = chapters.find((c) => c.id === chapterId)!;
    const want = shipPlan(ch).map((e) => persistKey(ch.id, e.fig, e.params));
    const have = file.results.map((r) => persistKey(ch.id, r.fig, r.params));
    return file.engine === engine && want.length === have.length && want.every((k, i) => k === have[i]);
  } catch {
    return false;
  }
}

function main() {
  const force = process.argv.includes('--force');
  const only = process.argv.find((a) => a.startsWith('--chapter='))?.split('=')[1];
  mkdirSync(SHIPPED_DIR, { recursive: true });
  const planned = new Set<string>();
  for (const ch of chapters) {
    if (shipPlan(ch).length === 0) continue;
    planned.add(`${ch.id}.json`);
    if (only && ch.id !== only) continue;
    const path = shippedPath(ch.id);
    const engine = chapterVersion(ch.id, 'theory');
    if (!force && upToDate(path, ch.id, engine)) {
      console.log(`${ch.id}: up to date (engine ${engine})`);
      continue;
    }
    const t0 = performance.now();
    const text = formatShipped(computeShipped(ch.id, engine));
    writeFileSync(path, text);
    const n = shipPlan(ch).length;
    console.log(
      `${ch.id}: ${n} results in ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
        `${(text.length / 1024).toFixed(1)} KB (${(gzipSync(text).length / 1024).toFixed(1)} KB gzip), ` +
        `engine ${engine}`,
    );
  }
  for (const f of readdirSync(SHIPPED_DIR)) {
    if (f.endsWith('.json') && !planned.has(f) && !only) {
      rmSync(join(SHIPPED_DIR, f));
      console.log(`removed ${f} (nothing to ship for that chapter)`);
    }
  }
}

if (process.argv[1]?.endsWith('ship-theory.ts')) main();
