import type { Chapter } from '../engine/core/chapter';
import type { SimClient } from '../state/simClient';
import { Article } from './Article';
import { ChapterNav } from './ChapterNav';
import { FigurePanel } from './FigurePanel';
import { GlossaryList, GlossaryProvider } from './Glossary';
import { Tour } from './Tour';
import { PHONE, useMedia } from './useMedia';

/**
 * A chapter: a compact header and navigation, the guided tour, the figure with
 * its sliders, the list of the chapter's symbols, the article, a footer. The header stays short so that on a
 * phone or a small laptop the chart is on the first screen; on a phone the chapter navigation moves to the end
 * of the page (in the DOM too, so that focus order follows what is seen).
 */
export function ChapterPage({ chapter, sims }: { chapter: Chapter; sims: SimClient }) {
  const phone = useMedia(PHONE);
  return (
    <GlossaryProvider chapter={chapter}>
      <div className="page chapter-page">
        <header>
          <a className="home" href="?">
            Transfer Explorable
          </a>
          <h1>{chapter.title}</h1>
          <p className="question">{chapter.question}</p>
        </header>
        {!phone && <ChapterNav current={chapter.id} />}
        <main>
          <Tour chapter={chapter} />
          <FigurePanel chapter={chapter} sims={sims} embed={false} />
          <GlossaryList chapter={chapter} />
          <Article chapter={chapter} />
        </main>
        {phone && <ChapterNav current={chapter.id} bottom />}
        <footer>
          <p>
            Theory lines are analytic; points are networks trained in your browser (mean ± standard error over seeds).
            Every parameter is in the link.
          </p>
        </footer>
      </div>
    </GlossaryProvider>
  );
}
