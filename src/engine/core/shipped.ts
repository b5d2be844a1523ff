/**
 * Results of long simulations shipped with the app (src/precomputed/<chapter>-sources/): float32 arrays per cache
 * key, stored as little-endian base64 in a JSON file that a chapter's sim module imports dynamically, so the file
 * is its own chunk, fetched by the training worker (or read by Node) only when a key misses the in-memory cache.
 * A shipped entry stands in for a live run only where a live run gives the same floats to the bit: on the backend
 * it was made on (`shippedBackend`), under the exact key the sim would cache the live result by. The scripts that
 * write these files (scripts/ship-*.ts) and the tests that guard them rerun the simulation and compare the bits.
 */
import * as tf from '@tensorflow/tfjs-core';

/** One shipped result: its cache key and its arrays, each float32 little-endian in base64. */
export interface ShippedEntry {
  key: string;
  arrays: string[];
}

/**
 * The backend on which the shipped results are what a live run gives, to the bit: tfjs-wasm with SIMD on one
 * thread, as the training worker runs it (src/workers/backend.ts) and as it runs in Node.
 */
export async function shippedBackend(): Promise<boolean> {
  if (tf.getBackend() !== 'wasm') return false;
  const env = tf.env();
  return (
    (await env.getAsync('WASM_HAS_SIMD_SUPPORT')) === true &&
    (await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === false
  );
}

export function encodeFloats(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  // In slices: spreading a whole array into fromCharCode overflows the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function decodeFloats(b64: string): Float32Array {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/**
 * The shipped table behind `load` (a function around the chapter's dynamic JSON import, so that the bundler
 * makes the file a chunk of its own), decoded once on first use. A file that fails to load reads as empty:
 * the sim then runs live.
 */
export function shippedTable(load: () => Promise<readonly ShippedEntry[]>): () => Promise<Map<string, Float32Array[]>> {
  let table: Promise<Map<string, Float32Array[]>> | undefined;
  return () =>
    (table ??= load().then(
      (entries) => new Map(entries.map((e) => [e.key, e.arrays.map(decodeFloats)])),
      () => new Map<string, Float32Array[]>(),
    ));
}
