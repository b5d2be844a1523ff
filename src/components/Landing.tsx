import { chapters } from '../engine/chapters';
import type { Chapter, Figure, Preset } from '../engine/core/chapter';
import { stepFigure } from '../engine/core/guide';
import { stepHref, stepTarget, tourSteps } from '../state/tour';
import { GalleryGrid } from './Gallery';
import { GalleryThumb } from './GalleryThumb';
import { Notices } from './Notices';

/** The chapter a first-time reader should open: its theory is instant and its tour starts from the simplest picture. */
const START = 'linear';

/** The key figure of a chapter: where its tour starts (or its first figure), as a preset for the thumbnail. */
function keyFigure(c: Chapter): { fig: Figure; preset: Preset } | undefined {
  const first = tourSteps(c)[0];
  const figId = first ? stepFigure(c, first) : c.figures[0]?.id;
  const fig = c.figures.find((f) => f.id === figId);
  if (!fig) return undefined;
  const params = first ? stepTarget(c, first).params : {};
  return { fig, preset: { id: first?.preset ?? `key-${fig.id}`, title: fig.title, caption: '', fig: fig.id, params } };
}

/**
 * The chapters, each with its question and a live thumbnail of its key figure; a clear place to start; then the
 * gallery.
 */
export function Landing() {
  const start =
    chapters.find((c) => c.id === START && c.status === 'ready') ?? chapters.find((c) => c.status === 'ready');
  return (
    <div className="page landing">
      <header>
        <h1>Transfer Explorable</h1>
        <p className="question">
          The statistical-physics theory of transfer learning, with the networks trained live in your browser.
        </p>
      </header>
      <main>
        <Notices />
        {start && (
          <section className="start-here" aria-labelledby="start-here">
            <h2 id="start-here">Start here</h2>
            <p>
              Each chapter asks one question. Its figure shows the theory as lines and networks trained in your browser
              as points; a short guided tour at the top says which slider to move and what to watch.
            </p>
            <p>
              <a href={stepHref(start, 1)} data-testid="start-here">
                Begin with “{start.title}”, step 1 of its tour →
              </a>
            </p>
          </section>
        )}
        <ul className="chapter-list chapter-cards">
          {/* The place to start comes first (its thumbnail is also drawn first: instant theory, not queued behind
              slower ones). */}
          {[...chapters]
            .sort((a, b) => Number(b.id === start?.id) - Number(a.id === start?.id))
            .map((c) => {
              const key = c.status === 'ready' ? keyFigure(c) : undefined;
              return (
                <li key={c.id} className={c.status === 'ready' ? 'ready' : 'coming'} data-chapter={c.id}>
                  {c.status === 'ready' ? (
                    <a href={`?chapter=${c.id}`} className="thumb-link">
                      <h2>{c.title}</h2>
                      {key && <GalleryThumb chapter={c} fig={key.fig} preset={key.preset} />}
                    </a>
                  ) : (
                    <h2>
                      {c.title} <span className="badge">coming</span>
                    </h2>
                  )}
                  <p>{c.question}</p>
                  {c.paper && (
                    <p className="paper">
                      {c.paper.authors} ({c.paper.year})
                    </p>
                  )}
                </li>
              );
            })}
        </ul>
        <section className="landing-gallery" aria-labelledby="landing-gallery">
          <h2 id="landing-gallery">
            Gallery of presets{' '}
            <a href="?view=gallery" className="more">
              open the gallery page
            </a>
          </h2>
          <GalleryGrid level={3} />
        </section>
      </main>
      <footer>
        <p>
          Theory lines are analytic; points are simulations with error bars. Links reproduce exactly the same figure.
        </p>
      </footer>
    </div>
  );
}
