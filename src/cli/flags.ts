/**
 * Splits `--name=value` / `--name` command-line words into flags. Every flag may appear once: a repeated flag
 * is an error rather than "last one wins", because in a batch script a repeated flag is usually a mistake
 * whose silent resolution would change the numbers. The map has no prototype, so `--__proto__` or
 * `--constructor` are plain (unknown) names.
 */
export interface Flags {
  values: Map<string, string>;
  /** Positional words, in order. */
  positional: string[];
  errors: string[];
}

const FLAG_RE = /^--([A-Za-z_][\w-]*)(?:=([\s\S]*))?$/;

export function splitFlags(words: readonly string[]): Flags {
  const values = new Map<string, string>();
  const positional: string[] = [];
  const errors: string[] = [];
  for (const w of words) {
    if (!w.startsWith('--')) {
      positional.push(w);
      continue;
    }
    const m = FLAG_RE.exec(w);
    if (!m) {
      errors.push(`unexpected argument "${short(w)}" (flags look like --name=value)`);
      continue;
    }
    const name = m[1];
    if (values.has(name)) {
      errors.push(
        `--${short(name)}: given twice ("${short(values.get(name)!)}" and "${short(m[2] ?? '')}"); give it once`,
      );
      continue;
    }
    values.set(name, m[2] ?? 'true');
  }
  return { values, positional, errors };
}

/** A boolean flag: `--sim`, `--sim=1|true|0|false`. */
export function boolFlag(flags: Flags, name: string): boolean {
  const v = flags.values.get(name);
  if (v === undefined) return false;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  flags.errors.push(`--${name}: "${short(v)}" is not one of 1|0|true|false`);
  return false;
}

/** A whole-number flag within [min, max] (decimal digits only: no "1e3", no "0x10"). */
export function intFlag(flags: Flags, name: string, fallback: number, min: number, max: number): number {
  const v = flags.values.get(name);
  if (v === undefined) return fallback;
  const n = /^\d{1,10}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) {
    flags.errors.push(`--${name}: "${short(v)}" must be a whole number, ${min} … ${max}`);
    return fallback;
  }
  return n;
}

/** One of a fixed list of words. */
export function choiceFlag<T extends string>(flags: Flags, name: string, options: readonly T[], fallback: T): T {
  const v = flags.values.get(name);
  if (v === undefined) return fallback;
  if ((options as readonly string[]).includes(v)) return v as T;
  flags.errors.push(`--${name}: "${short(v)}" is not one of ${options.join('|')}`);
  return fallback;
}

export function short(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
