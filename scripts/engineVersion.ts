/**
 * Engine versions: per chapter, a hash of the engine source its numbers can depend
 * on — the files under src/engine/ reachable by relative imports from
 * `src/engine/chapters/<id>/index.ts` (the chapter, its helpers, core, and any
 * other chapter it borrows from), article prose and tours excluded. Two per chapter:
 *  - `theory`: static imports only. The simulation module is loaded lazily
 *    (`loadSim: () => import('./sim')`), so editing a trainer does not
 *    invalidate theory results;
 *  - `sim`: static and dynamic imports (what trained source networks depend on).
 * Results cached in a reader's browser or shipped with the app are tied to them, so
 * nobody has to remember to bump a number, and an edit to one chapter leaves the
 * others' caches valid. vite.config.ts injects the table into the app as
 * `__ENGINE_VERSIONS__`; scripts/ship-theory.ts and test/shipped.test.ts compute it
 * here the same way. Node only (reads files).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The chapters' article text and guided tours cannot change a number. */
const IGNORED = /(^|\/)(text|guide)\.ts$/;
/** `import type …` / `export type …` are left out: types cannot change a number. */
const STATIC_IMPORT = /(?:import|export)\s(?!type\s)[^'"]*?from\s*['"](\.[^'"]+)['"]/g;
const DYNAMIC_IMPORT = /import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

type VersionKind = 'theory' | 'sim';

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  // Source files and imported data (a JSON table of precomputed numbers is as much a part of the result).
  return [`${base}.ts`, join(base, 'index.ts'), base].find((f) => /\.(ts|json)$/.test(f) && existsSync(f));
}

/**
 * The engine files reachable from `entry` by relative imports (static only for 'theory'), sorted, relative to
 * src/engine.
 */
export function engineSources(entry: string, kind: VersionKind, root = process.cwd()): string[] {
  const engine = join(root, 'src', 'engine');
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !file.startsWith(engine)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.json')) continue;
    const specs = [...text.matchAll(STATIC_IMPORT), ...(kind === 'sim' ? text.matchAll(DYNAMIC_IMPORT) : [])].map(
      (m) => m[1],
    );
    for (const spec of specs) {
      const next = resolveImport(file, spec);
      if (next) stack.push(next);
    }
  }
  return [...seen]
    .map((f) => relative(engine, f).split('\\').join('/'))
    .filter((f) => !IGNORED.test(f))
    .sort();
}

export function chapterVersion(chapter: string, kind: VersionKind, root = process.cwd()): string {
  const engine = join(root, 'src', 'engine');
  const hash = createHash('sha256');
  hash.update(`${kind}\0`);
  for (const f of engineSources(join(engine, 'chapters', chapter, 'index.ts'), kind, root)) {
    // Paths and contents, line endings normalised (a Windows checkout hashes the same).
    hash.update(`${f}\0${readFileSync(join(engine, f), 'utf8').replace(/\r\n/g, '\n')}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Every chapter folder's versions, by kind and chapter id. */
export function engineVersions(root = process.cwd()): Record<VersionKind, Record<string, string>> {
  const dir = join(root, 'src', 'engine', 'chapters');
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => d.name);
  const table = (kind: VersionKind) => Object.fromEntries(ids.map((id) => [id, chapterVersion(id, kind, root)]));
  return { theory: table('theory'), sim: table('sim') };
}
