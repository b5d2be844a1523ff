/**
 * Picking the tfjs backend inside the training worker: by what the adapter is
 * (software WebGPU / WebGL renderers are skipped unless forced — on a CPU-only
 * machine SwiftShader WebGPU is ~10× slower than wasm) and by a short measured
 * warm-up among the remaining candidates. `?backend=` forces one; if it fails
 * the next one is used and a notice says so.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKENDS, type BackendName, type BackendReport } from './protocol';

// Single-threaded wasm: the threaded build spawns its pthread workers from its own
// function source, which breaks once bundled and minified; on 2-core machines tfjs picked
// one thread anyway (notes/browser.md).
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const SOFTWARE = /swiftshader|llvmpipe|software|basic render|lavapipe/i;

/** What the GPU adapter is, or why there is none. */
async function webgpuAdapter(): Promise<{ ok: boolean; software: boolean; text: string }> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { ok: false, software: false, text: 'no navigator.gpu' };
  const adapter = (await gpu.requestAdapter().catch(() => null)) as null | {
    info?: Record<string, string>;
    isFallbackAdapter?: boolean;
  };
  if (!adapter) return { ok: false, software: false, text: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const text =
    [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  return { ok: true, software: !!adapter.isFallbackAdapter || SOFTWARE.test(text), text };
}

function webglRenderer(): { ok: boolean; software: boolean; text: string } {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { ok: false, software: false, text: 'no WebGL2' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const text = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return { ok: true, software: SOFTWARE.test(text), text };
  } catch {
    return { ok: false, software: false, text: 'WebGL2 unavailable' };
  }
}

async function activate(name: BackendName): Promise<boolean> {
  try {
    if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    // A tiny op proves the backend really runs (device creation can fail late).
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([8, 8]), 2)));
    const v = (await probe.data())[0];
    probe.dispose();
    return v === 128;
  } catch {
    return false;
  }
}

/** Milliseconds of a reference step (batched mat-vec products like the deep-linear GD), after one warm-up. */
async function warmupMs(): Promise<number> {
  const a = tf.randomNormal([10, 100, 100]);
  const v = tf.randomNormal([10, 100, 1]);
  const stepOnce = async () => {
    const r = tf.tidy(() => {
      let x = v;
      for (let i = 0; i < 20; i++) x = tf.matMul(a, x);
      return tf.sum(x);
    });
    await r.data();
    r.dispose();
  };
  await stepOnce();
  const t0 = performance.now();
  await stepOnce();
  await stepOnce();
  const ms = (performance.now() - t0) / 2;
  tf.dispose([a, v]);
  return ms;
}

export async function chooseBackend(preferred: BackendName | null, exclude: BackendName[]): Promise<BackendReport> {
  const notices: string[] = [];
  const usable = BACKENDS.filter((b) => !exclude.includes(b));
  if (preferred && !exclude.includes(preferred)) {
    if (await activate(preferred)) return { name: preferred, detail: `forced by ?backend=${preferred}`, notices };
    notices.push(`The ${preferred} backend is not available here; falling back.`);
  }
  const gpu = usable.includes('webgpu') ? await webgpuAdapter() : { ok: false, software: false, text: 'excluded' };
  const gl = usable.includes('webgl') ? webglRenderer() : { ok: false, software: false, text: 'excluded' };
  const candidates: BackendName[] = [];
  if (gpu.ok && !gpu.software) candidates.push('webgpu');
  if (gl.ok && !gl.software) candidates.push('webgl');
  if (usable.includes('wasm')) candidates.push('wasm');
  const timings: string[] = [];
  let best: { name: BackendName; ms: number } | null = null;
  for (const name of candidates) {
    if (!(await activate(name))) {
      timings.push(`${name} failed`);
      continue;
    }
    const ms = await warmupMs().catch(() => Infinity);
    timings.push(`${name} ${ms.toFixed(1)} ms`);
    if (!best || ms < best.ms) best = { name, ms };
  }
  const skipped = [
    gpu.ok && gpu.software ? `webgpu (${gpu.text}: software)` : '',
    gl.ok && gl.software ? `webgl (${gl.text}: software)` : '',
  ].filter(Boolean);
  const detail = `warm-up: ${timings.join(', ') || 'none'}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`;
  if (best && (await activate(best.name))) return { name: best.name, detail, notices };
  if (usable.includes('cpu') && (await activate('cpu'))) {
    notices.push('No accelerated backend works here; simulations use the plain-JavaScript CPU backend (slow).');
    return { name: 'cpu', detail, notices };
  }
  throw new Error('no tfjs backend could be initialised');
}

/** Reference training step of browser.md (two-layer tanh MLP, full batch), GFLOP/s on the active backend. */
export async function referenceThroughput(): Promise<{ msPerStep: number; gflops: number }> {
  const P = 1000,
    N = 250,
    H = 100;
  const X = tf.randomNormal([P, N]);
  const y = tf.randomNormal([P, 1]);
  const W = tf.variable(tf.randomNormal([N, H], 0, 1 / Math.sqrt(N)));
  const v = tf.variable(tf.randomNormal([H, 1], 0, 1 / Math.sqrt(H)));
  const opt = tf.train.sgd(0.01);
  const step = async () => {
    const loss = opt.minimize(
      () => tf.mean<tf.Scalar>(tf.square(tf.sub(tf.matMul(tf.tanh(tf.matMul(X as tf.Tensor2D, W)), v), y))),
      true,
    );
    await loss!.data();
    loss!.dispose();
  };
  await step();
  const reps = 5;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await step();
  const msPerStep = (performance.now() - t0) / reps;
  tf.dispose([X, y, W, v]);
  opt.dispose();
  return { msPerStep, gflops: (6 * P * N * H) / (msPerStep * 1e6) };
}

export { activate };
