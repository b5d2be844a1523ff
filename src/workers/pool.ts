/**
 * The pool of training workers (page side). A figure's simulation is planned
 * as units (task × seed batch, core/simRunner.ts); idle workers take units in
 * plan order, preferring the seed batches they already ran (the sims cache the
 * source networks of a seed in their worker), then a batch nobody has claimed,
 * then any unit (recomputing that seed's sources). Results are the same
 * whatever the pool size: each unit's numbers depend only on its seeds.
 * Preview units (a task's first seed alone, simRunner.ts) go first; they are
 * extras: a job is done when its batches are, a preview whose task already
 * has a batch back is dropped, and a preview that fails is not retried.
 *
 * A worker that dies in any way — an uncaught error, `self.close()`, killed by
 * the browser, hung — is noticed (its error event, or no heartbeat for
 * `hangMs`), replaced on the backend the pool was using, and its unfinished
 * unit is run again; results already delivered are kept.
 */
import * as Comlink from 'comlink';
import type { SimPlan, UnitResult } from '../engine/core/simRunner';
import {
  BEAT,
  type BackendName,
  type BackendReport,
  type RunRequest,
  type TrainingApi,
  type UnitOutcome,
  type WorkerFault,
} from './protocol';

export interface PoolOptions {
  size: number;
  create(): Worker;
  /** `?backend=` (the reader's choice), or null to choose by adapter and warm-up. */
  preferred: BackendName | null;
  /** A worker silent (no heartbeat, no reply) this long is declared hung. */
  hangMs?: number;
  /** The backend of the pool (first choice, after a fallback, …). */
  onBackend(report: BackendReport): void;
  onNotice(text: string, level: 'info' | 'warning'): void;
}

/** A run for the pool: the request the workers re-plan from, and the plan it was made into. */
export interface PoolJob extends RunRequest {
  plan: SimPlan;
}

export interface JobCallbacks {
  unit(r: UnitResult): void;
  progress(done: number, total: number): void;
  notice(text: string): void;
}

export interface JobOutcome {
  status: 'done' | 'cancelled';
  /** Units given up after failing on more than one worker. */
  errors: string[];
  backend: string;
  wallMs: number;
}

interface Job extends PoolJob {
  cb: JobCallbacks;
  pending: number[];
  /** Seed batch → slot that claimed it in this job. */
  claimed: Map<string, number>;
  attempts: Map<number, number>;
  /** Batch units (previews not counted) still to come back. */
  left: number;
  doneSeeds: number;
  errors: string[];
  t0: number;
  finish(o: JobOutcome): void;
}

interface Slot {
  n: number;
  worker: Worker;
  api: Comlink.Remote<TrainingApi>;
  alive: boolean;
  ready: boolean;
  lastBeat: number;
  /** Rejects when the worker dies, so that calls to it never hang. */
  died: Promise<never>;
  kill(): void;
  busy: { job: Job; unit: number; fraction: number; tries: number } | null;
}

const DEFAULT_HANG_MS = 10000;
/** The deadline also grows to this many times the longest silence seen from a worker that then spoke again. */
const GAP_FACTOR = 4;
/** A worker that has not started yet (module load, wasm compile) gets this much longer before it counts as hung. */
const STARTUP_GRACE_MS = 20000;
/** A unit that took down this many workers is given up (and reported), so a deterministic crash cannot loop. */
const MAX_ATTEMPTS = 3;

/**
 * Pool size for this machine, at most `cap`: a core left for the page (and the theory worker) from three cores
 * up; on one or two cores every core trains. While a figure simulates, the page and the theory worker are idle
 * (a slider move supersedes the run, and its workers stop at their next checkpoint), so keeping one of two cores
 * free would only double the wait: the proportional default figure took 27 s with one worker and 20 s with two
 * on a 2-core machine (`npm run bench`, "pool scaling").
 */
export function defaultPoolSize(cores: number | undefined, cap = 6): number {
  const n = cores ?? 2;
  return Math.max(1, Math.min(cap, n <= 2 ? n : n - 1));
}

const batchKey = (job: PoolJob, unit: number) =>
  (job.plan.units[unit].preview ? 'preview:' : '') + job.plan.units[unit].seeds.join(',');

/**
 * Which pending unit (plan order) an idle worker `slot` takes: one of a seed batch it claimed in this job (or, before
 * anyone claimed it, ran last), whose sources its cache holds; else a batch nobody claimed and no other worker
 * holds; else any unclaimed batch; else the first pending unit (its sources are then computed twice).
 */
export function pickUnit(
  pending: readonly number[],
  keyOf: (u: number) => string,
  slot: number,
  claimed: ReadonlyMap<string, number>,
  owner: ReadonlyMap<string, number>,
): number {
  const mine = pending.find((u) => (claimed.get(keyOf(u)) ?? owner.get(keyOf(u))) === slot);
  if (mine !== undefined) return mine;
  const free = pending.find((u) => !claimed.has(keyOf(u)) && (owner.get(keyOf(u)) ?? slot) === slot);
  return free ?? pending.find((u) => !claimed.has(keyOf(u))) ?? pending[0];
}

export class TrainingPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly hangMs: number;
  private backend: BackendName | null = null;
  /** The worker choosing the backend (adapter, warm-up) for all. */
  private chooser: Slot | null = null;
  private readonly excluded: BackendName[] = [];
  private readyP: Promise<BackendReport | null>;
  private resolveReady!: (r: BackendReport | null) => void;
  private job: Job | null = null;
  /** Seed batch → slot that last ran it (its worker holds that batch's sources). */
  private readonly owner = new Map<string, number>();
  private readonly batches = new Map<string, Promise<number>>();
  private watchdog: ReturnType<typeof setInterval>;
  private deathsSinceProgress = 0;
  /** Longest silence (ms) of a worker that then spoke again. */
  private longestGap = 0;
  private cancelledUpTo = 0;

  constructor(private readonly opts: PoolOptions) {
    this.size = Math.max(1, Math.floor(opts.size));
    this.hangMs = opts.hangMs ?? DEFAULT_HANG_MS;
    this.readyP = new Promise((r) => (this.resolveReady = r));
    for (let n = 0; n < this.size; n++) this.slots.push(this.spawn(n));
    this.watchdog = setInterval(() => this.watch(), Math.min(1000, this.hangMs / 4));
  }

  /** Resolves with the first worker's backend report (null if no backend could start). */
  ready(): Promise<BackendReport | null> {
    return this.readyP;
  }

  private spawn(n: number): Slot {
    const worker = this.opts.create();
    let kill!: (e: Error) => void;
    const died = new Promise<never>((_, rej) => (kill = rej));
    died.catch(() => {});
    const slot: Slot = {
      n,
      worker,
      api: Comlink.wrap<TrainingApi>(worker),
      alive: true,
      ready: false,
      lastBeat: performance.now() + STARTUP_GRACE_MS,
      died,
      kill: () => kill(new Error('worker died')),
      busy: null,
    };
    worker.addEventListener('message', (ev: MessageEvent) => {
      if (ev.data && BEAT in ev.data) this.heard(slot);
    });
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      this.died(slot, 'stopped with an error');
    });
    void this.init(slot);
    return slot;
  }

  private async init(slot: Slot) {
    // The first worker chooses (adapter, warm-up); the others, and every replacement, take the pool's backend.
    const first = this.backend === null && !this.chooser?.alive;
    if (first) this.chooser = slot;
    else await this.readyP;
    const preferred = first ? this.opts.preferred : this.backend;
    try {
      const report = await Promise.race([slot.api.init(preferred, [...this.excluded]), slot.died]);
      if (!slot.alive) return;
      slot.ready = true;
      slot.lastBeat = performance.now(); // the start-up grace ends here
      if (this.backend === null) {
        this.backend = report.name;
        this.opts.onBackend(report);
        report.notices.forEach((t) => this.opts.onNotice(t, 'warning'));
        this.resolveReady(report);
      }
      this.pump();
    } catch (err) {
      if (!slot.alive) return;
      if (this.backend === null) {
        this.opts.onNotice(`Simulations are unavailable: ${String(err)}`, 'warning');
        this.resolveReady(null);
      }
    }
  }

  /** The sim's seed batch for a chapter (asked once of a worker). */
  seedBatch(chapter: string): Promise<number> {
    let p = this.batches.get(chapter);
    if (!p) {
      p = (async () => {
        for (;;) {
          await this.readyP;
          const slot = this.slots.find((s) => s.alive && s.ready);
          if (!slot) throw new Error('no training worker is running');
          try {
            return await Promise.race([slot.api.seedBatch(chapter), slot.died]);
          } catch {
            if (slot.alive) throw new Error(`cannot load the simulation of ${chapter}`);
          }
        }
      })();
      p.catch(() => this.batches.delete(chapter));
      this.batches.set(chapter, p);
    }
    return p;
  }

  /** Run a job's units; a newer job supersedes this one (its promise then says 'cancelled'). */
  run(job: PoolJob, cb: JobCallbacks): Promise<JobOutcome> {
    this.cancel(job.id - 1);
    return new Promise<JobOutcome>((finish) => {
      const j: Job = {
        ...job,
        cb,
        pending: job.plan.units.map((u) => u.index),
        claimed: new Map(),
        attempts: new Map(),
        left: job.plan.units.filter((u) => !u.preview).length,
        doneSeeds: 0,
        errors: [],
        t0: performance.now(),
        finish,
      };
      this.job = j;
      if (j.left === 0) this.complete(j);
      else this.pump();
    });
  }

  /** Stop every run with id ≤ `id` (units stop at their next checkpoint). */
  cancel(id: number) {
    this.cancelledUpTo = Math.max(this.cancelledUpTo, id);
    for (const s of this.slots) if (s.alive) void s.api.cancel(id).catch(() => {});
    const j = this.job;
    if (j && j.id <= id) {
      this.job = null;
      j.finish({
        status: 'cancelled',
        errors: j.errors,
        backend: this.backend ?? '',
        wallMs: performance.now() - j.t0,
      });
    }
  }

  private complete(j: Job) {
    if (this.job !== j) return;
    this.job = null;
    j.finish({ status: 'done', errors: j.errors, backend: this.backend ?? '', wallMs: performance.now() - j.t0 });
  }

  /** Hand pending units to idle workers. */
  private pump() {
    const j = this.job;
    if (!j) return;
    for (const slot of this.slots) {
      if (!slot.alive || !slot.ready || slot.busy || j.pending.length === 0) continue;
      const pick = this.pick(j, slot);
      j.pending.splice(j.pending.indexOf(pick), 1);
      void this.dispatch(slot, j, pick);
    }
  }

  private pick(j: Job, slot: Slot): number {
    const preview = j.pending.find((u) => j.plan.units[u].preview);
    if (preview !== undefined) return preview;
    return pickUnit(j.pending, (u) => batchKey(j, u), slot.n, j.claimed, this.owner);
  }

  private async dispatch(slot: Slot, j: Job, unit: number) {
    const key = batchKey(j, unit);
    const preview = !!j.plan.units[unit].preview;
    if (!preview && !j.claimed.has(key)) j.claimed.set(key, slot.n);
    slot.busy = { job: j, unit, fraction: 0, tries: j.attempts.get(unit) ?? 0 };
    const seeds = j.plan.units[unit].seeds.length;
    const { id, chapter, fig, params, seed, seeds: n, previews } = j;
    const req = { id, chapter, fig, params, seed, seeds: n, previews, unit };
    const callbacks = {
      progress: (f: number) => {
        if (slot.busy?.job !== j || slot.busy.unit !== unit) return;
        this.heard(slot);
        slot.busy.fraction = f;
        if (this.job === j) j.cb.progress(this.progressOf(j), j.plan.total);
      },
      notice: (t: string) => {
        if (this.job === j) j.cb.notice(t);
      },
    };
    let out: UnitOutcome;
    try {
      out = await Promise.race([slot.api.runUnit(req, Comlink.proxy(callbacks)), slot.died]);
    } catch {
      return; // the worker died: died() has put the unit back
    }
    if (!slot.alive || slot.busy?.job !== j || slot.busy.unit !== unit) return;
    slot.busy = null;
    if (out.brokenBackend && !this.excluded.includes(out.brokenBackend)) {
      this.excluded.push(out.brokenBackend);
      this.backend = out.backend as BackendName;
      this.opts.onBackend({
        name: out.backend as BackendName,
        detail: `after ${out.brokenBackend} failed`,
        notices: [],
      });
    }
    if (this.job === j) {
      if (out.status === 'done' && out.samples) {
        this.deathsSinceProgress = 0;
        j.doneSeeds += seeds;
        if (!preview) {
          this.owner.set(key, slot.n);
          j.left--;
          this.dropPreviews(j, j.plan.units[unit].task);
        }
        j.cb.unit({ unit, samples: out.samples });
        j.cb.progress(this.progressOf(j), j.plan.total);
      } else if (out.status === 'failed') this.retry(j, unit, out.error ?? 'failed');
      else j.pending.unshift(unit); // cancelled by an older id that raced this job: run it again
      if (j.left === 0) this.complete(j);
    }
    this.pump();
  }

  /** A task's batch is back: its previews still pending are not worth running (counted as done). */
  private dropPreviews(j: Job, task: number) {
    const drop = j.pending.filter((u) => j.plan.units[u].preview && j.plan.units[u].task === task);
    for (const u of drop) {
      j.pending.splice(j.pending.indexOf(u), 1);
      j.doneSeeds += j.plan.units[u].seeds.length;
    }
  }

  private retry(j: Job, unit: number, why: string) {
    if (j.plan.units[unit].preview) {
      // Only a look-ahead: the batch that runs the same seed reports any real failure.
      j.doneSeeds += j.plan.units[unit].seeds.length;
      return;
    }
    const n = (j.attempts.get(unit) ?? 0) + 1;
    j.attempts.set(unit, n);
    if (n < MAX_ATTEMPTS) {
      j.pending.unshift(unit);
      return;
    }
    j.left--;
    const task = j.plan.tasks[j.plan.units[unit].task];
    j.errors.push(`${task.key} seeds ${batchKey(j, unit)}: ${why}`);
    j.cb.notice(`Simulation of ${task.key} (seeds ${batchKey(j, unit)}) failed ${n} times and was skipped: ${why}`);
  }

  private progressOf(j: Job): number {
    let p = j.doneSeeds;
    for (const s of this.slots) if (s.busy?.job === j) p += s.busy.fraction * j.plan.units[s.busy.unit].seeds.length;
    return Math.min(p, j.plan.total);
  }

  private watch() {
    const now = performance.now();
    for (const s of this.slots) {
      // A worker's heartbeat waits for its synchronous tfjs steps, which a loaded machine stretches: the deadline
      // follows the longest silence seen so far, and doubles for a unit re-run after its worker went silent.
      const limit = Math.max(this.hangMs, GAP_FACTOR * this.longestGap) * 2 ** (s.busy?.tries ?? 0);
      if (s.alive && now - s.lastBeat > limit) this.died(s, `stopped responding for ${Math.round(limit / 1000)} s`);
    }
  }

  /** A worker is gone: replace it on the pool's backend and run its unit again. */
  private died(slot: Slot, why: string) {
    if (!slot.alive) return;
    slot.alive = false;
    slot.kill();
    slot.worker.terminate();
    const busy = slot.busy;
    slot.busy = null;
    // Its replacement starts with an empty cache: its seed batches are up for grabs.
    for (const [k, n] of this.owner) if (n === slot.n) this.owner.delete(k);
    if (this.job) for (const [k, n] of this.job.claimed) if (n === slot.n) this.job.claimed.delete(k);
    this.deathsSinceProgress++;
    const giveUp = this.deathsSinceProgress > 2 * this.size + 2;
    const where = this.backend ? ` on ${this.backend}` : '';
    this.opts.onNotice(
      giveUp
        ? `A training worker ${why}, again; simulations stopped (reload the page to try again).`
        : `A training worker ${why}; restarting it${where} and re-running its unfinished work (points already ` +
            `shown are kept).`,
      'warning',
    );
    if (busy && this.job === busy.job) this.retry(busy.job, busy.unit, `its worker ${why}`);
    if (giveUp) {
      const j = this.job;
      if (j) {
        j.errors.push(`training workers keep stopping (${why})`);
        this.complete(j);
      }
      return;
    }
    const fresh = this.spawn(slot.n);
    this.slots[slot.n] = fresh;
    if (this.job && this.job.left === 0) this.complete(this.job);
    this.pump();
  }

  private heard(slot: Slot) {
    const now = performance.now();
    if (slot.ready && slot.lastBeat < now) this.longestGap = Math.max(this.longestGap, now - slot.lastBeat);
    slot.lastBeat = Math.max(slot.lastBeat, now);
  }

  /** Sum over the live workers. */
  async memory(): Promise<{ numTensors: number; numBytes: number }> {
    const all = await Promise.all(
      this.slots
        .filter((s) => s.alive && s.ready)
        .map((s) => Promise.race([s.api.memory(), s.died]).catch(() => ({ numTensors: 0, numBytes: 0 }))),
    );
    return all.reduce((a, m) => ({ numTensors: a.numTensors + m.numTensors, numBytes: a.numBytes + m.numBytes }), {
      numTensors: 0,
      numBytes: 0,
    });
  }

  async throughput(b: BackendName): Promise<unknown> {
    await this.readyP;
    const s = this.slots.find((x) => x.alive && x.ready);
    return s ? Promise.race([s.api.throughput(b), s.died]) : null;
  }

  /** The app's own restart path: replace one worker as if it had died. */
  restart(n = 0, why = 'was stopped') {
    this.died(this.slots[n % this.size], why);
  }

  /** Tests only: make a busy worker (or worker `n`) fail at its next checkpoint. */
  debugFault(kind: WorkerFault | 'terminate', n?: number): number {
    const slot =
      n !== undefined ? this.slots[n % this.size] : (this.slots.find((s) => s.alive && s.busy) ?? this.slots[0]);
    // 'terminate' stops the worker behind the pool's back, as a browser killing it would.
    if (kind === 'terminate') slot.worker.terminate();
    else void slot.api.fault(kind);
    return slot.n;
  }

  /** Workers alive and started, and their backend. */
  info(): { size: number; ready: number; backend: string | null } {
    return { size: this.size, ready: this.slots.filter((s) => s.alive && s.ready).length, backend: this.backend };
  }

  dispose() {
    clearInterval(this.watchdog);
    for (const s of this.slots) {
      s.alive = false;
      s.worker.terminate();
    }
  }
}
