import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import type { SimContext, SimTask } from '../../core/chapter';
import { defaults } from '../../core/schema';
import { makeRng } from '../../core/rng';
import { makeSimCache } from '../../core/simRunner';
import { drawData, drawTeachers } from './data';
import { dataMoments, populationMoments, quadraticLoss } from './gd';
import type { LinearParams } from './params';
import { sim } from './sim';

const P0 = defaults(chapter.schema);

function ctxFor(seed: number, notices: string[] = []): SimContext {
  return {
    rng: (...k) => makeRng('linear', seed, ...k),
    checkpoint: async () => {},
    progress: () => {},
    cache: makeSimCache(),
    notice: (t) => notices.push(t),
  };
}

const task = (p: LinearParams): SimTask<LinearParams> => ({ key: 'x', x: p.gamma, params: p });

describe('linear gradient descent: the loss through its moments (docs/science/linear.md, Simulation)', () => {
  it('bᵀCb − 2 r·b + ȳ² is the data MSE, and ‖b − b*‖² for the population moments (to 1e-10)', () => {
    const rng = (...k: (string | number)[]) => makeRng('linear-moments', 1, ...k);
    const d = 30;
    const { bs, bt } = drawTeachers(rng, 0, d, 40, 1.3);
    for (const n of [12, 75]) {
      const ds = drawData(rng, 'target', 0, n, bt, 0.3);
      const m = dataMoments(ds);
      let mse = 0;
      for (let i = 0; i < n; i++) {
        let f = 0;
        for (let j = 0; j < d; j++) f += ds.X[i * d + j] * bs[j];
        mse += (f - ds.y[i]) ** 2 / n;
      }
      expect(Math.abs(quadraticLoss(m, bs) - mse)).toBeLessThan(1e-10);
    }
    let dist2 = 0;
    for (let j = 0; j < d; j++) dist2 += (bs[j] - bt[j]) ** 2;
    expect(Math.abs(quadraticLoss(populationMoments(bt), bs) - dist2)).toBeLessThan(1e-10);
  });
});

describe('linear gradient descent reaches the interpolators GD converges to, at every depth', () => {
  // Before the curvature bound of (L16) had its saddle term, networks of depth ≥ 3 never left the 1e-5
  // initialisation within the step budget (scratch error = ‖b_t‖² = 1 at every γ).
  it(
    'trained scratch networks of depth 2, 3 and 4 land on each draw’s min-norm interpolator (d = 40, 2 seeds, γ = ' +
      '0.5 and 1.5: |R_GD − R_exact| ≤ 0.005 per draw); fine-tuning on the closest interpolator within 0.03',
    async () => {
      for (const L of [2, 3, 4]) {
        for (const gamma of [0.5, 1.5]) {
          const p: LinearParams = { ...P0, d: 40, L, gamma };
          const notices: string[] = [];
          const gd = await sim.run('curves', task({ ...p, points: 'gd' }), [0, 1], ctxFor(2, notices));
          const exact = await sim.run('curves', task({ ...p, points: 'exact' }), [0, 1], ctxFor(2));
          expect(notices, `L=${L} γ=${gamma}`).toEqual([]);
          gd.forEach((s, i) => {
            const at = `L=${L} γ=${gamma} seed ${i}`;
            expect(s.source, at).toBeLessThan(1e-3);
            expect(Math.abs(s.scratch - exact[i].scratch), `${at}: ${s.scratch} vs ${exact[i].scratch}`).toBeLessThan(
              0.005,
            );
            expect(
              Math.abs(s.finetune - exact[i].finetune),
              `${at}: ${s.finetune} vs ${exact[i].finetune}`,
            ).toBeLessThan(0.03);
          });
        }
      }
    },
    600_000,
  );

  // Before (L16) (step 0.4 / (λ_max Σ‖W_l‖²)) seeds 0 and 1 each had a network stopped at the budget here.
  it('at d = 100 next to the peak (γ = 1.3, σ = 0.2) every network converges in 3000 steps', async () => {
    const notices: string[] = [];
    const out = await sim.run('curves', task({ ...P0, gamma: 1.3 }), [0, 1], ctxFor(1, notices));
    expect(notices).toEqual([]);
    for (const s of out) expect(s.steps).toBeLessThan(P0.steps);
  }, 600_000);
});
