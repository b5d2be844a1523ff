import { useApp } from './state/context';
import type { SimClient } from './state/simClient';
import { ChapterPage } from './components/ChapterPage';
import { FigurePanel } from './components/FigurePanel';
import { GalleryPage } from './components/GalleryPage';
import { GlossaryProvider } from './components/Glossary';
import { Landing } from './components/Landing';
import { TourCaption } from './components/Tour';
import './components/guide.css';

/**
 * Which view: landing list, the gallery, a chapter, or an embed (figure + its own sliders only, no page
 * chrome; a `step=` link adds the tour step's text as a compact caption).
 */
export function App({ sims }: { sims: SimClient }) {
  const chapter = useApp((s) => s.chapter);
  const view = useApp((s) => s.view);
  const embed = useApp((s) => s.embed);
  if (view === 'gallery') return <GalleryPage only={chapter} />;
  if (!chapter || view !== 'chapter') return <Landing />;
  if (embed)
    return (
      <GlossaryProvider chapter={chapter}>
        <main className="embed-root">
          <TourCaption chapter={chapter} />
          <FigurePanel chapter={chapter} sims={sims} embed />
        </main>
      </GlossaryProvider>
    );
  return <ChapterPage chapter={chapter} sims={sims} />;
}
