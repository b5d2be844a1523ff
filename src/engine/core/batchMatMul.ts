/**
 * Batched matrix products that stay fast on tfjs-wasm.
 *
 * tfjs-wasm sends only plain 2-D products (no transpose flag, no batch
 * dimension) through its fast GEMM. Batched or transposed products take a
 * generic path that is 4–10× slower at our sizes. Measured in Node on wasm:
 * [5, 2000, 200] · [5, 200, 200]ᵀ takes 225 ms batched and 38 ms as five 2-D
 * products; [5, 500, 50] · [5, 50, 50]ᵀ takes 3.9 ms and 2.0 ms. On wasm,
 * products big enough for the split to pay are therefore done one batch item at
 * a time, with explicit transposes. Every other backend gets the batched op,
 * since GPUs want one dispatch.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Multiply-adds per batch item above which splitting pays on wasm (below it, per-op overhead dominates). */
const SPLIT_MIN_MACS = 2e5;

/** Whether `batchMatMul` splits this product (on the current backend). */
export function splitsOnThisBackend(a: tf.Tensor3D, b: tf.Tensor3D, transposeA: boolean, transposeB: boolean): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  const rows = transposeA ? a.shape[2] : a.shape[1];
  const inner = transposeA ? a.shape[1] : a.shape[2];
  const cols = transposeB ? b.shape[1] : b.shape[2];
  return rows * inner * cols >= SPLIT_MIN_MACS;
}

/**
 * a · b per batch item (rank 3, equal batch sizes), like tf.matMul(a, b, transposeA, transposeB). Call inside a tidy.
 */
export function batchMatMul(
  a: tf.Tensor3D,
  b: tf.Tensor3D,
  transposeA = false,
  transposeB = false,
  split = splitsOnThisBackend(a, b, transposeA, transposeB),
): tf.Tensor3D {
  if (!split) return tf.matMul(a, b, transposeA, transposeB);
  const as = tf.unstack(a) as tf.Tensor2D[];
  const bs = tf.unstack(b) as tf.Tensor2D[];
  return tf.stack(
    as.map((x, i) => tf.matMul(transposeA ? tf.transpose(x) : x, transposeB ? tf.transpose(bs[i]) : bs[i])),
  ) as tf.Tensor3D;
}
