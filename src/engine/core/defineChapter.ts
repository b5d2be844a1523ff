/**
 * The one way a chapter folder assembles its `Chapter`: what tells it apart (id, title, question, paper) plus the
 * parts every folder provides under the same file names, typed by its own parameters.
 */
import type { Chapter, Figure, Preset, SimModule } from './chapter';
import type { Guide } from './guide';
import type { Params, Schema } from './schema';

/** What the landing page and the article header say about a chapter. */
export type ChapterAbout = Pick<Chapter, 'id' | 'title' | 'question' | 'paper'>;

/**
 * The modules of a chapter folder: params.ts, figures.ts, presets.ts, text.ts, guide.ts. `P` is the chapter's
 * typed parameters (`ParamsOf<typeof schema>`, plus any task-only fields it declares).
 */
interface ChapterParts<P extends Params, S extends Schema> {
  schema: S;
  figures: Figure<P>[];
  presets: Preset<P>[];
  text: string;
  guide: Guide;
}

/** A defined chapter keeps its schema's own type (so `defaults(chapter.schema)` is typed) and its loader. */
type DefinedChapter<P extends Params, S extends Schema> = Omit<Chapter<P>, 'schema' | 'loadSim'> &
  ChapterParts<P, S> & { loadSim: () => Promise<SimModule<P>> };

/**
 * A ready chapter. The simulation is passed as a loader so that each folder keeps its own lazy `import('./sim')`:
 * tfjs must stay out of the main bundle. The result is assignable to the registry's untyped `Chapter`.
 */
export function defineChapter<P extends Params, S extends Schema>(
  about: ChapterAbout,
  parts: ChapterParts<P, S>,
  loadSim: () => Promise<SimModule<P>>,
): DefinedChapter<P, S> {
  return { ...about, status: 'ready', ...parts, loadSim };
}
