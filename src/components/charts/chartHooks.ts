/** What the chart's React shell observes: the reader's motion preference, a slider drag, the box's size. */
import { useEffect, useRef, useState, type RefObject } from 'react';

const reducedMotionQuery = () =>
  typeof window !== 'undefined' ? window.matchMedia?.('(prefers-reduced-motion: reduce)') : undefined;

/** Whether the reader asked for reduced motion (followed live: the setting can change while the page is open). */
export function useReducedMotion(): boolean {
  const [reducedMotion, setReducedMotion] = useState(() => !!reducedMotionQuery()?.matches);
  useEffect(() => {
    const q = reducedMotionQuery();
    if (!q) return;
    const on = () => setReducedMotion(q.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return reducedMotion;
}

/**
 * While a slider is dragged the y-axis keeps the range it had when the drag began, so the curves move
 * against steady axes; it re-fits when the pointer is released. `lastY` is to be set to the range of every
 * draw; `holdY` is the range to keep, or null.
 */
export function useHeldYDomain() {
  const lastY = useRef<[number, number] | null>(null);
  const [holdY, setHoldY] = useState<[number, number] | null>(null);
  useEffect(() => {
    const down = (e: PointerEvent) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'range' && lastY.current) setHoldY(lastY.current);
    };
    const up = () => setHoldY(null);
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', up, true);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', up, true);
    };
  }, []);
  return { lastY, holdY };
}

/**
 * The chart's size in px. `fill` (an embed): the whole box. On the page the chart is as tall as 0.62 of its
 * width, between 260 and 480 px, and at most 55% of the window's height, so that on a laptop screen
 * (1280×800) the chart and its legend fit below the page's header.
 */
export function useChartSize(boxRef: RefObject<HTMLDivElement | null>, fill: boolean) {
  const [size, setSize] = useState({ width: 640, height: 400 });
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const measure = () => {
      const w = Math.max(200, el.clientWidth);
      const h = fill
        ? Math.max(110, el.clientHeight)
        : Math.round(Math.min(480, Math.max(260, w * 0.62), Math.max(260, window.innerHeight * 0.55)));
      setSize((s) => (s.width === w && s.height === h ? s : { width: w, height: h }));
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (!fill) window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [boxRef, fill]);
  return size;
}
