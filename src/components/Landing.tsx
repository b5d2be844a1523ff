import { chapters } from '../engine/chapters';
import { GalleryGrid } from './Gallery';
import { Notices } from './Notices';

/** The list of chapters, each with the question it answers, then the gallery of presets. */
export function Landing() {
  return (
    <div className="page landing">
      <header>
        <h1>Transfer Explorable</h1>
        <p className="question">The statistical-physics theory of transfer learning, with the networks trained live in your browser.</p>
      </header>
      <main>
        <Notices />
        <ul className="chapter-list">
          {chapters.map((c) => (
            <li key={c.id} className={c.status === 'ready' ? 'ready' : 'coming'} data-chapter={c.id}>
              {c.status === 'ready' ? (
                <a href={`?chapter=${c.id}`}>
                  <h2>{c.title}</h2>
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
          ))}
        </ul>
        <section className="landing-gallery" aria-labelledby="landing-gallery">
          <h2 id="landing-gallery">
            Gallery of presets <a href="?view=gallery" className="more">open the gallery page</a>
          </h2>
          <GalleryGrid level={3} />
        </section>
      </main>
      <footer>
        <p>Theory lines are analytic; points are simulations with error bars. Links reproduce exactly the same figure.</p>
      </footer>
    </div>
  );
}
