import { useApp } from './state/context';
import type { SimClient } from './state/simClient';
import { ChapterPage } from './components/ChapterPage';
import { FigurePanel } from './components/FigurePanel';
import { GalleryPage } from './components/GalleryPage';
import { Landing } from './components/Landing';

/** Which view: landing list, the gallery, a chapter, or an embed (figure + its own sliders only, no page chrome). */
export function App({ sims }: { sims: SimClient }) {
  const chapter = useApp((s) => s.chapter);
  const view = useApp((s) => s.view);
  const embed = useApp((s) => s.embed);
  if (view === 'gallery') return <GalleryPage only={chapter} />;
  if (!chapter || view !== 'chapter') return <Landing />;
  if (embed)
    return (
      <main className="embed-root">
        <FigurePanel chapter={chapter} sims={sims} embed />
      </main>
    );
  return <ChapterPage chapter={chapter} sims={sims} />;
}
