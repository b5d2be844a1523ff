/**
 * Embed layout from the iframe's own size: the type grows with the frame
 * (a 1920×1080 slide gets ~24 px type without `big=1`, any frame ≥ 1280 px
 * wide at least 20 px; `big=1` adds 40%, as far as the height allows, and never
 * less than 20 px), and small frames (≲ 720×440) switch to a compact
 * layout where the sliders live in a drawer.
 */
import { useEffect, useState } from 'react';

export interface EmbedLayout {
  width: number;
  height: number;
  compact: boolean;
  /** Base type size in px for the chart and the controls. */
  font: number;
}

/** Type floors: any frame, frames ≥ WIDE px wide (a slide on a projector), and `big=1`. */
const MIN_FONT = 12;
const WIDE = 1280;
const MIN_WIDE_FONT = 20;
const MIN_BIG_FONT = 20;

export function embedLayout(width: number, height: number, big: boolean): EmbedLayout {
  const fromFrame = Math.min(30, Math.max(MIN_FONT, Math.min(width / 80, height / 45)));
  const base = width >= WIDE ? Math.max(MIN_WIDE_FONT, fromFrame) : fromFrame;
  const font = big ? Math.max(MIN_BIG_FONT, Math.min(36, base * 1.4, height / 20)) : base;
  return { width, height, compact: width < 720 || height < 440, font: Math.round(font * 10) / 10 };
}

export function useEmbedLayout(active: boolean, big: boolean): EmbedLayout | null {
  const [size, setSize] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }));
  useEffect(() => {
    if (!active) return;
    const on = () =>
      setSize((s) =>
        s.w === window.innerWidth && s.h === window.innerHeight ? s : { w: window.innerWidth, h: window.innerHeight },
      );
    window.addEventListener('resize', on);
    // A resized iframe's resize event can come late under load; the root's own size change is observed too.
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(on) : null;
    ro?.observe(document.documentElement);
    on();
    return () => {
      window.removeEventListener('resize', on);
      ro?.disconnect();
    };
  }, [active]);
  return active ? embedLayout(size.w, size.h, big) : null;
}
