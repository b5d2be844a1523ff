// The curve CLI as a user runs it: a child process (tsx), its exit status, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCurveArgs } from '../src/cli/args';
import { makeProgress } from '../src/cli/progress';
import { checkCoverage, readShard } from '../src/cli/shard';
import { chapters } from '../src/engine/chapters';
import type { FigureData } from '../src/engine/core/figureData';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

function curve(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['src/cli/curve.ts', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const errorsOf = (argv: string[]) => parseCurveArgs(argv, chapters).errors;

describe('curve CLI: bad arguments are refused, naming the flag', () => {
  it('values on a fixed axis are checked against its range; empty lists and empty values are refused', () => {
    expect(errorsOf(['linear', '--fig=divergence', '--x=distance:-1e300,0'])).toEqual([
      '--x: distance=-1e300 is not valid; expected 0 … 2',
    ]);
    expect(errorsOf(['depth', '--fig=layers', '--x=k:-1,99'])).toEqual([
      '--x: k=-1 is not valid; expected 0 … 4 (integer)',
      '--x: k=99 is not valid; expected 0 … 4 (integer)',
    ]);
    // the range follows the network's depth
    expect(errorsOf(['depth', '--fig=layers', '--L=6', '--x=k:6'])).toEqual([]);
    expect(errorsOf(['depth', '--fig=layers', '--x=k:1.5'])[0]).toMatch(/k=1.5 is not valid/);
    expect(errorsOf(['linear', '--fig=divergence', '--x=distance:'])[0]).toMatch(/no values after "distance:"/);
    expect(errorsOf(['linear', '--x=gamma:0.5,,1'])[0]).toMatch(/an empty value/);
    expect(errorsOf(['linear', '--x=gamma:0.5,0.5'])[0]).toMatch(/given twice/);
    expect(errorsOf(['linear', '--x=gamma:3'])[0]).toMatch(/gamma=3 is not valid; expected 0\.05 … 2/);
    expect(errorsOf(['linear', '--x=source'])[0]).toMatch(/not a numeric parameter/);
    expect(errorsOf(['linear', '--fig=phase', '--x=theta:1'])[0]).toMatch(/map over fixed axes/);
    // The chmm gain figure's axis is the value of the chosen knob, within that knob's range.
    expect(errorsOf(['chmm', '--fig=gain', '--x=knob:0.1,0.5'])).toEqual([]);
    expect(errorsOf(['chmm', '--fig=gain', '--x=knob:7'])[0]).toMatch(/knob=7 is not valid/);
  });

  it('repeated, prototype and unknown flags, and bad values of the command flags', () => {
    expect(errorsOf(['linear', '--theta=abc', '--theta=10'])).toContain(
      '--theta: given twice ("abc" and "10"); give it once',
    );
    expect(errorsOf(['linear', '--__proto__=1'])[0]).toMatch(/^unknown parameter --__proto__/);
    expect(errorsOf(['linear', '--constructor=1'])[0]).toMatch(/^unknown parameter --constructor/);
    expect(errorsOf(['linear', '--sim=maybe'])).toEqual(['--sim: "maybe" is not one of 1|0|true|false']);
    expect(errorsOf(['linear', '--seed=1e3'])[0]).toMatch(/--seed/);
    expect(errorsOf(['linear', '--jobs=0'])[0]).toMatch(/--jobs/);
    expect(errorsOf(['linear', '--backend=webgl'])[0]).toMatch(/--backend: "webgl" is not one of wasm\|cpu/);
    expect(errorsOf(['linear', '--format=xml'])[0]).toMatch(/--format/);
    expect(errorsOf(['linear', '--shard=0/2', '--sim'])[0]).toMatch(/--shard/);
    expect(errorsOf(['linear', '--shard=1/2'])[0]).toMatch(/--shard: only a simulation/);
    expect(errorsOf(['linear', 'extra'])[0]).toMatch(/unexpected argument "extra"/);
    expect(errorsOf(['linear', '-theta=3'])[0]).toMatch(/unexpected argument/);
    expect(errorsOf(['nope'])[0]).toMatch(/first argument must be a chapter/);
  });

  it("a renamed parameter's old flag is accepted with a note; old and new name together are refused", () => {
    const { args } = parseCurveArgs(['chmm', '--ntest=500', '--x=alpha_s:5,10'], chapters);
    expect(args!.params.nTest).toBe(500);
    expect(args!.x).toEqual({ name: 'alphaS', values: [5, 10] });
    expect(args!.notes).toEqual(['--ntest is now called --nTest', '--x=alpha_s is now called --x=alphaS']);
    expect(errorsOf(['linear', '--sigma=0.1', '--noise=0.2'])).toEqual([
      '--noise: given twice (as --sigma and --noise)',
    ]);
  });

  it('exits with status 2 and the messages on stderr, nothing on stdout', () => {
    const r = curve(['linear', '--theta=abc', '--theta=10', '--x=gamma:']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: --theta: given twice/);
    expect(r.stderr).toMatch(/usage:/);
  });

  it("--help lists every chapter's figures and flags with their ranges, on stdout, status 0", () => {
    const r = curve(['--help']);
    expect(r.status).toBe(0);
    for (const ch of chapters.filter((c) => c.status === 'ready'))
      expect(r.stdout).toContain(`${ch.id}: --fig=${ch.figures.map((f) => f.id).join('|')}`);
    expect(r.stdout).toContain('--theta=0 … 90 (default 22.5)');
  });
});

describe('curve CLI: output', () => {
  it('is written whole into a slow pipe (> 64 KB) before the process exits', () => {
    const values = Array.from({ length: 3900 }, (_, i) => String(Number((0.05 + i * 0.0005).toFixed(6)))).join(',');
    // The reader waits before reading: the pipe's buffer fills and the writer must wait for it.
    const r = spawnSync('bash', ['-c', `"${TSX}" src/cli/curve.ts linear --x=gamma:${values} | (sleep 2; cat)`], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(r.stdout.length).toBeGreaterThan(200_000);
    const data = JSON.parse(r.stdout) as FigureData;
    expect(data.x.values).toHaveLength(3900);
    expect(data.series[0].y).toHaveLength(3900);
  });

  it('evaluates the theory at every x that carries a simulated point', () => {
    const r = curve(['linear', '--sim', '--points=exact', '--d=50', '--seeds=2', '--jobs=1']);
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as FigureData;
    const sims = data.series.filter((s) => s.id.startsWith('sim:'));
    expect(sims.length).toBe(3);
    for (const s of sims) {
      const theory = data.series.find((t) => t.id === s.id.replace('sim:', 'theory:'))!;
      s.y.forEach((y, i) => {
        if (y !== null) expect(theory.y[i], `${s.id} at x = ${data.x.values[i]}`).not.toBeNull();
      });
      expect(s.y.filter((y) => y !== null).length).toBeGreaterThan(3);
    }
    // Progress goes to stderr as plain lines when stderr is not a terminal.
    expect(r.stderr).toMatch(/simulating: 100% \(\d+\/\d+ seeds/);
  });
});

describe('curve CLI: spreading a simulation does not change its numbers', () => {
  // Real training (tfjs, wasm), small: 4 tasks × 3 seeds in batches of the sim's seedBatch.
  const run = ['linear', '--sim', '--x=gamma:0.3,0.6,1.3,1.8', '--d=50', '--steps=200', '--seeds=3', '--format=csv'];

  it('--jobs=1, --jobs=2 and three shards merged print the same bytes', () => {
    const one = curve([...run, '--jobs=1']);
    expect(one.status).toBe(0);
    expect(one.stderr).not.toMatch(/TensorFlow\.js in Node/);
    const rows = one.stdout.trim().split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[1].split(',').every((c) => c !== '')).toBe(true);
    const two = curve([...run, '--jobs=2']);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);

    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const files = [1, 2, 3].map((i) => {
      const s = curve([...run, `--shard=${i}/3`, '--jobs=1']);
      expect(s.status).toBe(0);
      const f = join(dir, `s${i}.json`);
      writeFileSync(f, s.stdout);
      return f;
    });
    const merged = curve(['merge', files[2], files[0], files[1]]);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    // An incomplete or mixed set is refused.
    const missing = curve(['merge', files[0], files[1]]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 3\/3/);
  });

  it('--backend=cpu prints no tfjs banner', () => {
    const r = curve([
      'linear',
      '--sim',
      '--x=gamma:0.5',
      '--d=50',
      '--steps=100',
      '--seeds=1',
      '--backend=cpu',
      '--jobs=1',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/TensorFlow\.js in Node/);
    expect((JSON.parse(r.stdout) as FigureData).series.some((s) => s.id === 'sim:scratch')).toBe(true);
  });
});

describe('merge: shard files are checked', () => {
  it('refuses files that are not shards, and units that are missing or in the wrong shard', async () => {
    expect(readShard('a.json', 'not json').errors[0]).toMatch(/a\.json: not JSON/);
    expect(readShard('a.json', '{"x":1}').errors[0]).toMatch(/not a shard file/);
    const { args } = parseCurveArgs(['linear', '--sim', '--points=exact', '--seeds=2', '--x=gamma:0.5,1.5'], chapters);
    const { prepareSim } = await import('../src/cli/compute');
    const { plan } = await prepareSim(args!);
    const shard = (index: number, units: number[]) => ({
      name: `s${index}`,
      file: {
        kind: 'transfer-explorable shard v1' as const,
        shard: { index, count: 2 },
        request: args!.request,
        units: plan.units.length,
        notices: [],
        results: units.map((unit) => ({ unit, samples: plan.units[unit].seeds.map(() => ({ scratch: 1 })) })),
      },
    });
    expect(plan.units).toHaveLength(2);
    expect(checkCoverage([shard(1, [0]), shard(2, [1])], plan).errors).toEqual([]);
    expect(checkCoverage([shard(1, [0]), shard(2, [])], plan).errors[0]).toMatch(/1 of 2 units are in no shard/);
    expect(checkCoverage([shard(1, [1]), shard(2, [0])], plan).errors[0]).toMatch(
      /unit 1 does not belong to shard 1\/2/,
    );
    expect(checkCoverage([shard(1, [0]), shard(1, [0])], plan).errors.join()).toMatch(/also s1.*missing shard 2\/2/);
  });
});

describe('progress on stderr', () => {
  const fake = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, stream: { isTTY, write: (t: string) => out.push(t) } as unknown as NodeJS.WriteStream };
  };

  it('a log (not a terminal) gets one line per tenth and a last line', () => {
    const { out, stream } = fake(false);
    let t = 0;
    const p = makeProgress(stream, 'simulating', () => t);
    for (let done = 0; done <= 40; done++) {
      t += 100;
      p.update(done, 40);
    }
    p.finish();
    expect(out).toHaveLength(11);
    expect(out[0]).toBe('simulating: 0% (0/40 seeds, 0 s)\n');
    expect(out[4]).toMatch(/^simulating: 40% \(16\/40 seeds/);
    expect(out[10]).toBe('simulating: 100% (40/40 seeds, 4 s)\n');
  });

  it('a terminal gets one bar redrawn in place, at most every 100 ms, ended by a newline', () => {
    const { out, stream } = fake(true);
    let t = 0;
    const p = makeProgress(stream, 'shard 1/2', () => t);
    for (let done = 0; done <= 10; done += 0.5) {
      t += 50;
      p.update(done, 10);
    }
    p.finish();
    expect(out.every((l, i) => (i === out.length - 1 ? l === '\n' : l.startsWith('\rshard 1/2 [')))).toBe(true);
    expect(out.length).toBeLessThan(14);
    expect(out[out.length - 2]).toMatch(/\[#{30}\] 100% 10\/10 seeds/);
  });
});
