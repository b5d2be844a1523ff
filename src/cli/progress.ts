/**
 * Simulation progress on stderr (stdout carries only the data): a redrawn bar on a terminal, plain lines
 * at every tenth otherwise (log files of batch jobs stay short and readable).
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar's line (terminal) or prints the last line. */
  finish(): void;
}

const BAR = 30;
const REDRAW_MS = 100;

export function makeProgress(
  stream: NodeJS.WriteStream | WriteStream = process.stderr,
  label = 'simulating',
  now: () => number = Date.now,
): Progress {
  const start = now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let drawn = false;
  let latest: [number, number] = [0, 0];
  const elapsed = () => `${((now() - start) / 1000).toFixed(0)} s`;
  return {
    update(done, total) {
      latest = [done, total];
      const f = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
      if (stream.isTTY) {
        const t = now();
        if (t - lastDraw < REDRAW_MS && f < 1) return;
        lastDraw = t;
        const fill = Math.round(f * BAR);
        stream.write(
          `\r${label} [${'#'.repeat(fill)}${'.'.repeat(BAR - fill)}] ${(f * 100).toFixed(0).padStart(3)}% ` +
            `${fmt(done)}/${total} seeds, ${elapsed()}  `,
        );
        drawn = true;
        return;
      }
      const tenth = Math.floor(f * 10);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        stream.write(`${label}: ${Math.floor(f * 100)}% (${fmt(done)}/${total} seeds, ${elapsed()})\n`);
      }
    },
    finish() {
      const [, total] = latest;
      if (stream.isTTY) {
        if (drawn) stream.write('\n');
      } else if (lastTenth >= 0) stream.write(`${label}: 100% (${total}/${total} seeds, ${elapsed()})\n`);
    },
  };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
