import { useMemo } from 'react';
import type { Chapter } from '../engine/core/chapter';
import { useGlossary } from './Glossary';
import { articleBlocks, takeSection, useTexReady } from './tex';

/**
 * The chapter's exposition, typeset with KaTeX; its symbols are glossary terms.
 * Its "What to try" section is not here: it closes the guided tour (Tour), the page's one guided path.
 */
/** The article section that moves to the end of the tour. */
export const TRY = 'What to try';

export function Article({ chapter }: { chapter: Chapter }) {
  const tex = useTexReady();
  const gloss = useGlossary();
  const blocks = useMemo(() => articleBlocks(takeSection(chapter.text, TRY).rest, gloss), [chapter, gloss, tex]);
  return (
    <article className="article" aria-label={`About: ${chapter.title}`}>
      {blocks.map((b, i) =>
        b.kind === 'heading' ? (
          <h2 key={i} dangerouslySetInnerHTML={{ __html: b.html }} />
        ) : b.kind === 'math' ? (
          // Focusable: on a narrow screen a long equation scrolls sideways, and the keyboard must reach it.
          <div
            key={i}
            className="display-math"
            tabIndex={0}
            role="group"
            aria-label="equation"
            dangerouslySetInnerHTML={{ __html: b.html }}
          />
        ) : (
          <p key={i} dangerouslySetInnerHTML={{ __html: b.html }} />
        ),
      )}
      {chapter.paper && (
        <p className="citation">
          Based on {chapter.paper.authors}, <em>{chapter.paper.title}</em> ({chapter.paper.year})
          {chapter.paper.arxiv && (
            <>
              ,{' '}
              <a href={`https://arxiv.org/abs/${chapter.paper.arxiv}`} target="_blank" rel="noopener noreferrer">
                arXiv:{chapter.paper.arxiv}
              </a>
            </>
          )}
          .
        </p>
      )}
    </article>
  );
}
