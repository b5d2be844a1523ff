import { useMemo } from 'react';
import { chapters } from '../engine/chapters';
import type { Chapter } from '../engine/core/chapter';
import { GalleryThumb } from './GalleryThumb';
import { inlineHtml, useTexReady } from './tex';

type Level = 2 | 3;

/**
 * Every preset of every ready chapter (or of one chapter): a live theory
 * thumbnail, its title and caption, and a link that opens it. New chapters
 * appear here through the registry alone.
 */
export function GalleryGrid({ level, only }: { level: Level; only?: Chapter | null }) {
  const list = chapters.filter((c) => c.status === 'ready' && c.presets.length && (!only || c.id === only.id));
  const H = `h${level}` as 'h2';
  const H2 = `h${level + 1}` as 'h3';
  return (
    <div className="gallery">
      {list.map((c) => (
        <section key={c.id} aria-labelledby={`gallery-${c.id}`}>
          <H id={`gallery-${c.id}`}>
            <a href={`?chapter=${c.id}`}>{c.title}</a>
          </H>
          <ul className="thumbs">
            {c.presets.map((p) => {
              const fig = c.figures.find((f) => f.id === p.fig);
              if (!fig) return null;
              return (
                <li key={p.id} className="thumb-card">
                  <a href={`?chapter=${c.id}&preset=${encodeURIComponent(p.id)}`} className="thumb-link">
                    <GalleryThumb chapter={c} fig={fig} preset={p} />
                    <H2 className="thumb-title">{p.title}</H2>
                  </a>
                  <Caption text={p.caption} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Caption({ text }: { text: string }) {
  const tex = useTexReady();
  const html = useMemo(() => inlineHtml(text), [text, tex]);
  return <p className="thumb-caption" dangerouslySetInnerHTML={{ __html: html }} />;
}
