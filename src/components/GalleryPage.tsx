import type { Chapter } from '../engine/core/chapter';
import { ChapterNav } from './ChapterNav';
import { GalleryGrid } from './Gallery';
import { Notices } from './Notices';

/** `?view=gallery` (optionally `&chapter=<id>`): every preset as a thumbnail. */
export function GalleryPage({ only }: { only: Chapter | null }) {
  return (
    <div className="page gallery-page">
      <header>
        <a className="home" href="?">
          Transfer Explorable
        </a>
        <h1>Gallery{only ? `: ${only.title}` : ''}</h1>
        <p className="question">
          Every preset, each reproducing a figure of its paper. The thumbnails show the theory; open one to run the
          simulations too.
        </p>
      </header>
      <ChapterNav current={only ? undefined : 'gallery'} />
      <main>
        <Notices />
        <GalleryGrid level={2} only={only} />
      </main>
      <footer>
        <p>Thumbnails are computed in your browser from the same theory code as the chapters.</p>
      </footer>
    </div>
  );
}
