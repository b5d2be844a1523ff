/** Messages between the page and the training workers (typed; transported by Comlink). */
import type { Params } from '../engine/core/schema';
import type { SimSample } from '../engine/core/chapter';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What fixes a simulation run's plan and numbers: the figure, its parameters, the run seed and the seed count. */
export interface RunRequest {
  /** The run's id; a newer run supersedes older ones (their units stop at the next checkpoint). */
  id: number;
  chapter: string;
  fig: string;
  params: Params;
  seed: number;
  seeds: number;
  /** Preview units in the plan (`planFigure`'s `previews`): the worker re-plans the run exactly as the page did. */
  previews: number;
}

/** A unit of a figure's simulation (core/simRunner.ts `planFigure`), sent to one worker of the pool. */
export interface UnitRequest extends RunRequest {
  /** Index into the plan's units. */
  unit: number;
}

export interface UnitCallbacks {
  /** Fraction [0,1] of the unit done. */
  progress(fraction: number): void;
  notice(text: string): void;
}

export interface UnitOutcome {
  status: 'done' | 'cancelled' | 'failed';
  samples?: SimSample[];
  error?: string;
  /** The backend the unit finished on (differs from the pool's after an in-worker fallback). */
  backend: string;
  /** A backend that failed its probe in this worker: the pool stops using it. */
  brokenBackend?: BackendName;
}

export interface BackendReport {
  name: BackendName;
  /** Why this one: adapter description and warm-up timings. */
  detail: string;
  notices: string[];
}

/** Faults a test can inject into a worker (never used by the app itself): see pool.ts `debugFault`. */
export type WorkerFault = 'close' | 'throw' | 'hang';

/** A worker posts `{ [BEAT]: time }` every BEAT_MS while alive (Comlink ignores messages without its ids). */
export const BEAT = '__trainingBeat';
export const BEAT_MS = 250;

export interface TrainingApi {
  /** Pick a backend: `preferred` is tried first (forced by the reader, or the one the pool already uses). */
  init(preferred: BackendName | null, exclude: BackendName[]): Promise<BackendReport>;
  /** The chapter sim's seed batch (to plan units on the page). */
  seedBatch(chapter: string): Promise<number>;
  runUnit(req: UnitRequest, cb: UnitCallbacks): Promise<UnitOutcome>;
  /** Units of runs with id ≤ `id` stop at their next checkpoint. */
  cancel(id: number): void;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  /** Reference training step throughput on a backend (GFLOP/s), for the bench. */
  throughput(
    backend: BackendName,
  ): Promise<{ backend: string; msPerStep: number; gflops: number } | { backend: string; error: string }>;
  /** Test hook: at the next checkpoint of a unit, fail in this way. */
  fault(kind: WorkerFault): void;
}
