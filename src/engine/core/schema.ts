/**
 * One parameter schema drives sliders, URL parsing, validation and the CLI.
 * Everything here is pure data + pure functions (no DOM), so the same
 * validation runs in the page, in the workers, in tests and in the CLI.
 */

export interface NumberParam {
  kind: 'number';
  /** URL key, CLI flag and slider `name`. ASCII, unique within a chapter. */
  name: string;
  /** Short human label, e.g. "target data ratio". */
  label: string;
  /** TeX symbol shown next to the label, e.g. "\\gamma". */
  symbol?: string;
  unit?: string;
  min: number;
  max: number;
  step: number;
  default: number;
  /** Log-scaled slider (min must be > 0). */
  log?: boolean;
  integer?: boolean;
  /**
   * false when the theory is not a smooth function of this parameter (a draw
   * index such as `dataset`): the app then never blends known theory results
   * along it while an exact one is computed (see core/theoryBlend.ts).
   */
  smooth?: boolean;
  /** Shown as the slider's help/tooltip. */
  description: string;
  /** 'model' knobs change the task; 'simulation' knobs only change how it is simulated. */
  group?: 'model' | 'simulation';
  /** Figure ids that use this parameter; absent = all figures of the chapter. */
  usedBy?: readonly string[];
  /** Former names: still read from old links and CLI calls (with a notice), never written. */
  aliases?: readonly string[];
}

export interface ChoiceParam {
  kind: 'choice';
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  default: string;
  description: string;
  group?: 'model' | 'simulation';
  usedBy?: readonly string[];
  aliases?: readonly string[];
}

export type ParamSpec = NumberParam | ChoiceParam;
export type Schema = readonly ParamSpec[];
export type ParamValue = number | string;
export type Params = Record<string, ParamValue>;

/**
 * The typed parameter object a schema declares: a number for each number parameter, the union of option values
 * for each choice. A chapter declares its schema `as const satisfies Schema` and types its figures and sims with
 * `ParamsOf<typeof schema>`, so `p.gamma` is a number without a cast and a misspelt name does not compile.
 */
export type ParamsOf<S extends Schema> = {
  [Spec in S[number] as Spec['name']]: Spec extends { kind: 'choice'; options: readonly { value: infer V }[] }
    ? V
    : number;
};

/** A message about input that was changed or ignored; shown in the notice area. */
export interface Notice {
  level: 'info' | 'warning';
  text: string;
  /** Parameter (or URL key) the notice is about, when there is one. */
  param?: string;
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Values echoed back in notices are shortened; React escapes them, this keeps them readable. */
export function shorten(raw: string, max = 32): string {
  const oneLine = raw.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** Every parameter at its default (typed by the schema when it is declared `as const`). */
export function defaults<S extends Schema>(schema: S): ParamsOf<S> {
  const out: Params = {};
  for (const p of schema) out[p.name] = p.default;
  return out as ParamsOf<S>;
}

export function findParam(schema: Schema, name: string): ParamSpec | undefined {
  return schema.find((p) => p.name === name);
}

/** The parameter a URL key or CLI flag names: its current name, or a former one (`alias: true`). */
export function resolveKey(schema: Schema, key: string): { spec: ParamSpec; alias: boolean } | undefined {
  const spec = findParam(schema, key);
  if (spec) return { spec, alias: false };
  const old = schema.find((p) => p.aliases?.includes(key));
  return old ? { spec: old, alias: true } : undefined;
}

/** "0.05 … 2" style range text used in CLI errors and notices. */
export function rangeText(p: ParamSpec): string {
  if (p.kind === 'choice') return `one of ${p.options.map((o) => o.value).join('|')}`;
  return `${fmt(p.min)} … ${fmt(p.max)}${p.integer ? ' (integer)' : ''}`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

export type ParseResult =
  | { ok: true; value: ParamValue; clamped?: false }
  | { ok: true; value: ParamValue; clamped: true; reason: string }
  | { ok: false; reason: string };

/** Strict numeric parse: only plain decimal / exponent notation, finite. */
export function parseNumber(raw: string): number | undefined {
  const s = raw.trim();
  if (!NUMBER_RE.test(s)) return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : undefined;
}

/** Clamp a finite number into the parameter's range (and round integers). */
export function clampNumber(p: NumberParam, x: number): number {
  let v = Math.min(p.max, Math.max(p.min, x));
  if (p.integer) v = Math.round(v);
  return v;
}

/** Parse one raw string for one parameter. Out-of-range numbers are clamped (ok, clamped). */
export function parseValue(p: ParamSpec, raw: string): ParseResult {
  if (p.kind === 'choice') {
    const v = raw.trim();
    if (p.options.some((o) => o.value === v)) return { ok: true, value: v };
    return { ok: false, reason: `"${shorten(raw)}" is not ${rangeText(p)}` };
  }
  const x = parseNumber(raw);
  if (x === undefined) return { ok: false, reason: `"${shorten(raw)}" is not a number` };
  const v = clampNumber(p, x);
  if (v !== x) {
    const why = x < p.min || x > p.max ? `outside ${rangeText(p)}` : 'not an integer';
    return { ok: true, value: v, clamped: true, reason: `${fmt(x)} is ${why}` };
  }
  return { ok: true, value: v };
}

/**
 * Lenient parsing for URLs: every parameter gets a valid value; each change
 * (clamp, default for garbage, unknown key) produces a notice.
 */
export function coerceParams(
  schema: Schema,
  raw: Record<string, string>,
  opts: { reservedKeys?: readonly string[] } = {},
): { params: Params; notices: Notice[] } {
  const params = defaults(schema);
  const notices: Notice[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const found = resolveKey(schema, key);
    if (!found) {
      if (!opts.reservedKeys?.includes(key)) {
        notices.push({ level: 'info', text: `Ignored unknown parameter "${shorten(key, 24)}".`, param: key });
      }
      continue;
    }
    const spec = found.spec;
    if (found.alias)
      notices.push({
        level: 'info',
        text: `"${key}" is now called "${spec.name}"; read as ${spec.name}.`,
        param: spec.name,
      });
    const r = parseValue(spec, value);
    if (!r.ok) {
      notices.push({
        level: 'warning',
        text: `${spec.label} (${spec.name}): ${r.reason}; using the default ${show(spec, spec.default)}.`,
        param: spec.name,
      });
    } else {
      params[spec.name] = r.value;
      if (r.clamped) {
        notices.push({
          level: 'warning',
          text: `${spec.label} (${spec.name}): ${r.reason}; using ${show(spec, r.value)}.`,
          param: spec.name,
        });
      }
    }
  }
  return { params, notices };
}

/**
 * Strict validation for the CLI: any problem is an error naming the parameter and its range. A former name
 * (alias) is accepted with a note; the same parameter given under two names is an error.
 */
export function parseStrict(
  schema: Schema,
  raw: Record<string, string>,
): { params: Params; errors: string[]; notes: string[] } {
  const params = defaults(schema);
  const errors: string[] = [];
  const notes: string[] = [];
  const given = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    const found = resolveKey(schema, key);
    if (!found) {
      errors.push(`unknown parameter --${shorten(key, 24)} (known: ${schema.map((p) => p.name).join(', ')})`);
      continue;
    }
    const spec = found.spec;
    const earlier = given.get(spec.name);
    given.set(spec.name, key);
    if (earlier !== undefined) {
      errors.push(`--${spec.name}: given twice (as --${earlier} and --${key})`);
      continue;
    }
    if (found.alias) notes.push(`--${key} is now called --${spec.name}`);
    const r = parseValue(spec, value);
    if (!r.ok || r.clamped) {
      errors.push(`--${spec.name}: ${r.ok ? (r as { reason: string }).reason : r.reason}; expected ${rangeText(spec)}`);
    } else params[spec.name] = r.value;
  }
  return { params, errors, notes };
}

/** Re-validate an in-memory parameter set (e.g. from a preset or the store). */
export function sanitize(schema: Schema, values: Params): Params {
  const out = defaults(schema);
  for (const spec of schema) {
    const v = values[spec.name];
    if (spec.kind === 'number' && typeof v === 'number' && Number.isFinite(v)) out[spec.name] = clampNumber(spec, v);
    if (spec.kind === 'choice' && typeof v === 'string' && spec.options.some((o) => o.value === v)) out[spec.name] = v;
  }
  return out;
}

/** Only the values that differ from the defaults, as strings (for URLs and file names). */
export function nonDefault(schema: Schema, values: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of schema) {
    const v = values[spec.name];
    if (v === undefined || v === spec.default) continue;
    out[spec.name] = typeof v === 'number' ? serializeNumber(v) : v;
  }
  return out;
}

/** Shortest decimal that round-trips (URLs stay short and reproduce exactly). */
export function serializeNumber(x: number): string {
  return String(x);
}

export function show(spec: ParamSpec, v: ParamValue): string {
  if (spec.kind === 'choice') return spec.options.find((o) => o.value === v)?.label ?? String(v);
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return `${formatValue(spec, v as number)}${unit}`;
}

/** Display precision derived from the slider step (no float noise on screen). */
export function formatValue(spec: NumberParam, v: number): string {
  if (spec.integer) return String(Math.round(v));
  if (spec.log) return String(Number(v.toPrecision(3)));
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(spec.step) + 1e-9)));
  return v.toFixed(decimals);
}

/** Slider position <-> value. Log params move on a log scale; positions are in [0, 1000]. */
export const SLIDER_STEPS = 1000;
export function toSlider(spec: NumberParam, v: number): number {
  const t = spec.log
    ? (Math.log(v) - Math.log(spec.min)) / (Math.log(spec.max) - Math.log(spec.min))
    : (v - spec.min) / (spec.max - spec.min);
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}
export function fromSlider(spec: NumberParam, pos: number): number {
  const t = Math.min(1, Math.max(0, pos / SLIDER_STEPS));
  let v = spec.log
    ? Math.exp(Math.log(spec.min) + t * (Math.log(spec.max) - Math.log(spec.min)))
    : spec.min + t * (spec.max - spec.min);
  v = snap(spec, v);
  return clampNumber(spec, v);
}

/** Snap to the step grid (linear) or to 3 significant digits (log) so URLs stay tidy. */
export function snap(spec: NumberParam, v: number): number {
  if (spec.integer) return Math.round(v);
  if (spec.log) return Number(v.toPrecision(3));
  const k = Math.round((v - spec.min) / spec.step);
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(spec.step)) + 1));
  return Number((spec.min + k * spec.step).toFixed(decimals));
}

/** Schema sanity (used by tests for every chapter). Returns problems, empty when fine. */
export function checkSchema(schema: Schema, reserved: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of schema) {
    // One naming rule for URL keys and CLI flags (README "Parameter names"): camelCase, no underscores.
    // Former names (aliases) keep whatever form old links used.
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(p.name))
      problems.push(`${p.name}: name must be camelCase ASCII (letters and digits)`);
    for (const key of [p.name, ...(p.aliases ?? [])]) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) problems.push(`${key}: name must be ASCII identifier`);
      if (seen.has(key)) problems.push(`${key}: duplicate`);
      if (reserved.includes(key)) problems.push(`${key}: reserved URL key`);
      seen.add(key);
    }
    if (p.kind === 'number') {
      if (!(p.min < p.max)) problems.push(`${p.name}: min >= max`);
      if (p.default < p.min || p.default > p.max) problems.push(`${p.name}: default out of range`);
      if (p.log && p.min <= 0) problems.push(`${p.name}: log scale needs min > 0`);
      if (!(p.step > 0)) problems.push(`${p.name}: step must be > 0`);
    } else if (!p.options.some((o) => o.value === p.default)) problems.push(`${p.name}: default not an option`);
    if (!p.description) problems.push(`${p.name}: missing description`);
  }
  return problems;
}
