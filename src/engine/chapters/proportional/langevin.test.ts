import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTfNode } from '../../../cli/tfNode';
import { makeRng } from '../../core/rng';
import { toyChainSpec } from '../../../../test/chainSpec';
import { runChains, type ChainSpec } from './langevin';
import { splitRhat } from './diagnostics';

/** A tiny regression problem (N0 = N1 = 10, P = 20) with test points. */
function tinySpec(groups?: number[][]): ChainSpec {
  return toyChainSpec('langevin-test', { P: 20, N0: 10, N1: 10, Pte: 30 }, { burn: 50, samples: 20, groups });
}

const hooks = { checkpoint: async () => {}, progress: () => {} };

describe('Langevin chains tested in groups', () => {
  beforeAll(async () => {
    await setupTfNode('wasm');
  });
  afterAll(async () => {
    await setupTfNode('cpu');
  });

  it('a chain alone is its own group: the group split-R̂ is its own', async () => {
    const W0 = Float32Array.from(makeRng('w0').normals(100));
    const [a] = await runChains(tinySpec(), [W0], [makeRng('c0')], hooks);
    expect(a.groupRhat).toBe(a.rhat);
    expect(a.fmean.length).toBe(30);
  });

  it('two chains of one posterior are tested and frozen together on their pooled windows', async () => {
    // The second start is 20× the prior scale: its first layer relaxes at the prior's rate (k h ≈ 10⁻³ per step),
    // slower than the run, so the two chains' test losses disagree and the pair never passes.
    const near = Float32Array.from(makeRng('near').normals(100));
    const far = Float32Array.from(makeRng('far').normals(100, 20));
    const paired = await runChains(tinySpec([[0, 1]]), [near, far], [makeRng('c0'), makeRng('c1')], hooks);
    const [a, b] = paired;
    expect(a.groupRhat).toBe(splitRhat([a.trace, b.trace]));
    expect(b.groupRhat).toBe(a.groupRhat);
    expect(a.groupRhat).toBeGreaterThan(1.1);
    expect([a.converged, b.converged]).toEqual([false, false]);
    expect(a.steps).toBe(b.steps);
    // A pair started from the same state passes and stops at the first window.
    const same = await runChains(tinySpec([[0, 1]]), [near, near], [makeRng('c0'), makeRng('c1')], hooks);
    expect(same[0].groupRhat).toBe(splitRhat([same[0].trace, same[1].trace]));
    expect(same[0].steps).toBeLessThanOrEqual(a.steps);
  });
});
