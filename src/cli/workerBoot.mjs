// Entry of a `--jobs` worker thread. A worker does not inherit the TypeScript loader that `npm run curve`
// (tsx) installed in the main thread, so register it here before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./unitWorker.ts');
