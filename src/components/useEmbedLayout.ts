/**
 * Embed layout from the iframe's own size: the type grows with the frame
 * (a 1920×1080 slide gets ~24 px type without `big=1`; `big=1` adds 40%, as
 * far as the height allows), and small frames (≲ 720×440) switch to a compact
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

export function embedLayout(width: number, height: number, big: boolean): EmbedLayout {
  const base = Math.min(30, Math.max(12, Math.min(width / 80, height / 45)));
  const font = big ? Math.min(36, Math.max(base * 1.4, 18), Math.max(13.5, height / 20)) : base;
  return { width, height, compact: width < 720 || height < 440, font: Math.round(font * 10) / 10 };
}

export function useEmbedLayout(active: boolean, big: boolean): EmbedLayout | null {
  const [size, setSize] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }));
  useEffect(() => {
    if (!active) return;
    const on = () => setSize((s) => (s.w === window.innerWidth && s.h === window.innerHeight ? s : { w: window.innerWidth, h: window.innerHeight }));
    window.addEventListener('resize', on);
    on();
    return () => window.removeEventListener('resize', on);
  }, [active]);
  return active ? embedLayout(size.w, size.h, big) : null;
}
