/** A theory worker and its Comlink handle (the exact computations of 'worker'-cost figures). */
import * as Comlink from 'comlink';
import type { TheoryApi } from '../../workers/theory.worker';

export interface TheoryWorker {
  api: Comlink.Remote<TheoryApi>;
  worker: Worker;
}

export function spawnTheoryWorker(): TheoryWorker {
  const worker = new Worker(new URL('../../workers/theory.worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: Comlink.wrap<TheoryApi>(worker) };
}
