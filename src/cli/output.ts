/**
 * Writing the result. `process.exit()` right after `stream.write()` drops whatever the pipe has not taken yet
 * (a reader slower than us, output larger than the pipe's buffer), so the CLI waits for the write callback:
 * the data has then been handed to the operating system.
 */
import type { Writable } from 'node:stream';

export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
