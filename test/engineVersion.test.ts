/**
 * Engine versions (scripts/engineVersion.ts) change exactly when code a chapter's
 * numbers depend on changes (its code and the data files it imports): on a
 * temporary tiny engine tree.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterVersion, engineSources } from '../scripts/engineVersion';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'engine-version-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, 'src', 'engine', path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

const BASE = {
  'core/math.ts': 'export const two = 2;\n',
  'core/types.ts': 'export type X = number;\n',
  'chapters/a/index.ts':
    "import { theory } from './theory';\nimport type { X } from '../../core/types';\nexport const chapter = { " +
    "theory, text, loadSim: () => import('./sim') };\nimport { text } from './text';\n",
  'chapters/a/theory.ts':
    "import { two } from '../../core/math';\nimport table from './table.json';\nexport const theory = () => two + " +
    'table.length;\n',
  'chapters/a/table.json': '[1, 2]\n',
  'chapters/a/text.ts': 'export const text = `prose`;\n',
  'chapters/a/sim.ts': 'export const sim = 1;\n',
  'chapters/b/index.ts': 'export const chapter = 0;\n',
};

describe('engine versions', () => {
  it(
    'theory follows static imports only, sim also the lazily loaded module; prose and type-only imports ' +
      'are left out',
    () => {
      const root = tree(BASE);
      const entry = join(root, 'src/engine/chapters/a/index.ts');
      expect(engineSources(entry, 'theory', root)).toEqual([
        'chapters/a/index.ts',
        'chapters/a/table.json',
        'chapters/a/theory.ts',
        'core/math.ts',
      ]);
      expect(engineSources(entry, 'sim', root)).toEqual([
        'chapters/a/index.ts',
        'chapters/a/sim.ts',
        'chapters/a/table.json',
        'chapters/a/theory.ts',
        'core/math.ts',
      ]);
    },
  );

  it('changes with the theory code, not with prose, the sim or another chapter', () => {
    const v = (edit: Record<string, string>, kind: 'theory' | 'sim' = 'theory') =>
      chapterVersion('a', kind, tree({ ...BASE, ...edit }));
    const base = v({});
    expect(v({})).toBe(base);
    expect(v({ 'core/math.ts': 'export const two = 2.0000001;\n' })).not.toBe(base);
    expect(v({ 'chapters/a/table.json': '[1, 3]\n' })).not.toBe(base);
    expect(v({ 'chapters/a/text.ts': 'export const text = `other prose`;\n' })).toBe(base);
    expect(v({ 'chapters/a/sim.ts': 'export const sim = 2;\n' })).toBe(base);
    expect(v({ 'chapters/a/sim.ts': 'export const sim = 2;\n' }, 'sim')).not.toBe(v({}, 'sim'));
    expect(v({ 'chapters/b/index.ts': 'export const chapter = 1;\n' })).toBe(base);
    expect(v({ 'core/math.ts': 'export const two = 2;\r\n' })).toBe(base);
  });
});
