/**
 * The one store. Components read slices through selectors; side effects
 * (URL writing, starting simulations) subscribe to it in src/state/effects.ts.
 */
import { create } from 'zustand';
import type { Preset, TheoryResult } from '../engine/core/chapter';
import { sanitize, type Notice, type ParamValue, type Params } from '../engine/core/schema';
import type { SimPoint } from '../engine/core/simRunner';
import { presetParams } from './presets';
import type { ViewState } from './url';

export interface ShownNotice extends Notice {
  id: number;
}

export type RunStatus = 'idle' | 'running' | 'done';

export interface RunState {
  id: number;
  status: RunStatus;
  done: number;
  total: number;
  /** Points by `${series}|${task}`; only points of the current request are ever stored. */
  points: Record<string, SimPoint>;
  wallMs?: number;
  error?: string;
  /** While running: the point last updated, for the run bar's live trace. */
  trail?: RunTrail;
}

/** A point's running mean (± standard error) over its first k seeds, k = 1…n, in seed order. */
export interface RunTrail {
  series: string;
  task: string;
  x: number;
  means: number[];
  errs: number[];
  /** Seeds requested for the point. */
  target: number;
}

export interface BackendState {
  name: string;
  detail: string;
}

export interface AppState extends ViewState {
  notices: ShownNotice[];
  run: RunState;
  backendInfo: BackendState;
  /**
   * Theory computed in the theory worker (figures with theoryCost 'worker'), tagged by its parameter key;
   * `preview` while it is a stand-in blended from nearby exact results (state/theoryClient.ts).
   */
  workerTheory: { key: string; result: TheoryResult; preview: boolean } | null;
  // Actions are closures over the store (no `this`), typed as properties so components may pass them around unbound.
  setParam: (name: string, value: ParamValue) => void;
  setParams: (p: Params) => void;
  setFig: (fig: string) => void;
  setSeed: (seed: number) => void;
  applyPreset: (p: Preset) => void;
  notify: (n: Notice | string) => void;
  dismiss: (id: number) => void;
  replaceView: (v: Partial<ViewState>) => void;
}

let noticeId = 0;
const MAX_NOTICES = 6;

export const emptyRun: RunState = { id: 0, status: 'idle', done: 0, total: 0, points: {} };

export function createAppStore(initial: ViewState, initialNotices: Notice[]) {
  return create<AppState>()((set, get) => ({
    ...initial,
    notices: initialNotices.map((n) => ({ ...n, id: ++noticeId })),
    run: emptyRun,
    backendInfo: { name: 'starting…', detail: '' },
    workerTheory: null,
    setParam(name, value) {
      const ch = get().chapter;
      if (!ch) return;
      set({ params: sanitize(ch.schema, { ...get().params, [name]: value }) });
    },
    setParams(p) {
      const ch = get().chapter;
      if (!ch) return;
      set({ params: sanitize(ch.schema, p) });
    },
    setFig(fig) {
      if (get().chapter?.figures.some((f) => f.id === fig)) set({ fig });
    },
    setSeed(seed) {
      if (Number.isInteger(seed) && seed >= 0) set({ seed });
    },
    applyPreset(p) {
      const ch = get().chapter;
      if (!ch) return;
      set({
        fig: ch.figures.some((f) => f.id === p.fig) ? p.fig : get().fig,
        params: presetParams(ch, p, get().params),
      });
    },
    notify(n) {
      const notice: Notice = typeof n === 'string' ? { level: 'info', text: n } : n;
      const rest = get().notices.filter((m) => m.text !== notice.text);
      set({ notices: [...rest, { ...notice, id: ++noticeId }].slice(-MAX_NOTICES) });
    },
    dismiss(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },
    replaceView(v) {
      set(v);
    },
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
