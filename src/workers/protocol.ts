/** Messages between the page and the training worker (typed; transported by Comlink). */
import type { Params } from '../engine/core/schema';
import type { SimPoint } from '../engine/core/simRunner';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface RunRequest {
  /** Increasing id; a newer request supersedes older ones. */
  id: number;
  chapter: string;
  fig: string;
  params: Params;
  seed: number;
}

export interface RunCallbacks {
  point(id: number, p: SimPoint): void;
  progress(id: number, done: number, total: number): void;
  notice(id: number, text: string): void;
}

export interface RunOutcome {
  id: number;
  status: 'done' | 'cancelled' | 'failed';
  error?: string;
  backend: string;
  wallMs: number;
}

export interface BackendReport {
  name: BackendName;
  /** Why this one: adapter description and warm-up timings. */
  detail: string;
  notices: string[];
}

export interface TrainingApi {
  init(preferred: BackendName | null, exclude: BackendName[]): Promise<BackendReport>;
  run(req: RunRequest, cb: RunCallbacks): Promise<RunOutcome>;
  cancel(id: number): void;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  /** Reference training step throughput on a backend (GFLOP/s), for the bench. */
  throughput(backend: BackendName): Promise<{ backend: string; msPerStep: number; gflops: number } | { backend: string; error: string }>;
}
