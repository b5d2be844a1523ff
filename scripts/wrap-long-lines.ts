/**
 * Codemod: brings lines over the width limit back under it where Prettier cannot, i.e. in string literals and
 * comments. Run Prettier afterwards (it lays out the new concatenations), and run this again until it reports no
 * change: the first pass guesses the indentation Prettier will give each piece.
 *
 *   npx tsx scripts/wrap-long-lines.ts [--width=120] [--check] <folder|file …>
 *
 * - A string literal ('…', "…" or a template literal, with or without substitutions) on a long line is cut at word
 *   boundaries into a concatenation of literals ('…' + '…'). The cut is made in the source text between two
 *   characters that are not part of an escape sequence, so the runtime value is exactly the same. Tagged templates,
 *   module names, property names and literal types are left alone (there a concatenation is not the same thing).
 * - A comment on a long line is re-wrapped: a run of `//` lines, or the text of a block comment, is re-flowed
 *   paragraph by paragraph (a blank line, a list item or an indented line starts a new paragraph); a long comment
 *   after code moves to its own lines above the code; a long one-line block comment becomes a multi-line one.
 *   A comment paragraph holding a URL is left as it is (`max-len` ignores URLs).
 * `--check` prints what would change and exits 1 if anything would.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Room kept on a piece's line for what Prettier puts around it: the quotes, ` +` and a trailing comma. */
const PIECE_OVERHEAD = 5;
/** Extra indentation Prettier gives the second and later operands of a broken concatenation, at most. */
const CONTINUATION_INDENT = 4;
/** A piece shorter than this is not worth a line of its own: the cut is not made. */
const MIN_PIECE = 20;

interface Edit {
  start: number;
  end: number;
  text: string;
}

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return /\.(ts|tsx|mts)$/.test(path) ? [path] : [];
  return readdirSync(path)
    .filter((n) => n !== 'node_modules')
    .flatMap((n) => sourceFiles(join(path, n)));
}

/** Offsets of the starts of the lines of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

// ---------------------------------------------------------------------------------------------------------------
// String literals

/** Where a literal may be replaced by a concatenation of literals with the same value. */
function isValueLiteral(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent))
    return false;
  if (ts.isImportTypeNode(parent) || ts.isLiteralTypeNode(parent) || ts.isModuleDeclaration(parent)) return false;
  if (ts.isTaggedTemplateExpression(parent)) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) &&
    parent.name === node
  )
    return false;
  if (ts.isEnumMember(parent) || ts.isElementAccessExpression(parent)) return false;
  // A call's first string argument to `import()` / `require()` names a module.
  if (
    ts.isCallExpression(parent) &&
    (parent.expression.kind === ts.SyntaxKind.ImportKeyword ||
      (ts.isIdentifier(parent.expression) && parent.expression.text === 'require'))
  )
    return false;
  return true;
}

/**
 * Positions in `raw` (the literal's source text between its delimiters) where it may be cut: just after a space
 * that is not escaped and not inside `${…}`. A cut there leaves every escape sequence and substitution whole.
 */
function cutPoints(raw: string, template: boolean): number[] {
  const cuts: number[] = [];
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      i++; // the escaped character (and a \u{…} or \x.. tail holds no space)
      continue;
    }
    if (template && c === '$' && raw[i + 1] === '{' && depth === 0) {
      depth = 1;
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      continue;
    }
    if (c === ' ' && i + 1 < raw.length && raw[i + 1] !== ' ') cuts.push(i + 1);
  }
  return cuts;
}

/** Where the physical lines of a literal start. */
interface Layout {
  width: number;
  /** Column of the first character of the literal's text (after the opening delimiter). */
  firstColumn: number;
  /** Column of the text of a piece that starts a new line (a continuation: indentation and delimiter). */
  pieceColumn: number;
}

/**
 * Cut points (a subset of `cuts`) such that no physical line of the literal's text runs past the width: a line of
 * the text that is too long is cut at its last cut point that fits (or its first one, if none fits). The text of a
 * multi-line template is cut at its line breaks too (each line a piece), and its over-long lines are cut as well.
 */
function plan(raw: string, cuts: number[], { width, firstColumn, pieceColumn }: Layout): number[] {
  const chosen: number[] = [];
  const room = width - PIECE_OVERHEAD;
  let lineStart = 0; // offset in raw where the current physical line's text starts
  let column = firstColumn; // column of raw[lineStart]
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] !== '\n') continue;
    // The physical line raw[lineStart, i) starts at `column`; cut it while it is too long.
    while (column + (i - lineStart) > room) {
      const usable = cuts.filter((c) => c > lineStart + MIN_PIECE && c < i && i - c >= MIN_PIECE / 2);
      const fits = usable.filter((c) => column + (c - lineStart) <= room);
      const at = fits.length ? fits[fits.length - 1] : usable[0];
      if (at === undefined) break;
      chosen.push(at);
      lineStart = at;
      column = pieceColumn;
    }
    // The next line of a multi-line template becomes a piece of its own (`literalPieces`).
    lineStart = i + 1;
    column = pieceColumn;
  }
  return chosen;
}

function stringEdits(sf: ts.SourceFile, text: string, width: number): Edit[] {
  const starts = lineStarts(text);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const lineLength = (line: number) => (starts[line + 1] ?? text.length + 1) - starts[line] - 1;
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    const literal = ts.isTaggedTemplateExpression(node) && isStringRaw(node, sf) ? node.template : node;
    if (
      (ts.isStringLiteral(literal) ||
        ts.isNoSubstitutionTemplateLiteral(literal) ||
        ts.isTemplateExpression(literal)) &&
      (literal !== node || isValueLiteral(literal))
    ) {
      const start = node.getStart(sf);
      const end = node.getEnd();
      const first = lineOf(start);
      let long = false;
      for (let l = first; l <= lineOf(end); l++) long ||= lineLength(l) > width;
      if (long) {
        const tag = literal === node ? '' : 'String.raw';
        const litStart = literal.getStart(sf);
        const quote = text[litStart];
        const raw = text.slice(litStart + 1, end - 1);
        const indent = /^\s*/.exec(text.slice(starts[first]))![0].length;
        const cuts = plan(raw, cutPoints(raw, quote === '`'), {
          width,
          firstColumn: Math.min(litStart + 1 - starts[first], indent + 2 + tag.length + 1),
          pieceColumn: indent + CONTINUATION_INDENT + tag.length + 1,
        });
        if (cuts.length || raw.includes('\n')) {
          const joined = literalPieces(raw, cuts, quote, tag).join(' + ');
          // Inside a larger expression the concatenation keeps its own value: parenthesise where it could bind.
          const bare = ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken;
          edits.push({ start, end, text: bare || isStandalone(node) ? joined : `(${joined})` });
        }
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edits;
}

/**
 * The literal's source pieces: its text cut at `cuts` and, for a multi-line template, at its line breaks, each
 * run of line breaks becoming a '\n…' piece of its own, so that every piece sits on one line of its own.
 */
function literalPieces(raw: string, cuts: number[], quote: string, tag: string): string[] {
  const out: string[] = [];
  const bounds = [0, ...cuts, raw.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const chunk = raw.slice(bounds[i], bounds[i + 1]);
    // A template's line breaks are real newlines in its source (`cutPoints` never cuts inside `${…}`, and a
    // substitution spanning lines is left whole by splitting only where the chunk's braces balance).
    for (const part of quote === '`' ? splitLines(chunk) : [chunk]) {
      if (/^\n+$/.test(part)) out.push(`'${'\\n'.repeat(part.length)}'`);
      else if (part) out.push(`${tag}${quote}${part}${quote}`);
    }
  }
  return out;
}

/** A template's text split into lines and runs of line breaks, keeping any `${…}` whole. */
function splitLines(chunk: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === '\\') i++;
    else if (c === '$' && chunk[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '{' && depth > 0) depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === '\n' && depth === 0) {
      let j = i;
      while (chunk[j] === '\n') j++;
      parts.push(chunk.slice(from, i), chunk.slice(i, j));
      from = j;
      i = j - 1;
    }
  }
  parts.push(chunk.slice(from));
  return parts;
}

/** `String.raw` is the one tag whose result is the concatenation of its cut pieces' results. */
function isStringRaw(node: ts.TaggedTemplateExpression, sf: ts.SourceFile): boolean {
  return node.tag.getText(sf) === 'String.raw';
}

/** A position where `a + b` needs no parentheses to keep its meaning (an operand of `+` is handled apart). */
function isStandalone(node: ts.Node): boolean {
  const p = node.parent;
  return (
    ts.isPropertyAssignment(p) ||
    ts.isVariableDeclaration(p) ||
    ts.isCallExpression(p) ||
    ts.isNewExpression(p) ||
    ts.isArrayLiteralExpression(p) ||
    ts.isReturnStatement(p) ||
    ts.isParenthesizedExpression(p) ||
    ts.isTemplateSpan(p) ||
    ts.isExpressionStatement(p) ||
    ts.isArrowFunction(p) ||
    ts.isPropertyDeclaration(p) ||
    ts.isParameter(p) ||
    ts.isShorthandPropertyAssignment(p) ||
    ts.isSpreadElement(p) ||
    (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
    (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.CommaToken) ||
    ts.isThrowStatement(p)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Comments

/** Words of a paragraph re-flowed into lines of at most `room` characters (a longer word stays whole). */
function flow(words: string[], room: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > room) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** A comment line that starts a paragraph of its own: blank, a list item, a tag, indented text, a table row. */
function startsParagraph(body: string): boolean {
  return body.trim() === '' || /^(\s|[-*•|>#]|\d+[.)]\s|@)/.test(body);
}

/**
 * Comment lines (their text after the `//` or ` *` marker and one space) re-flowed to `room`: each paragraph that
 * holds a line over `room` is re-flowed, every other line is kept as it is.
 */
function reflow(bodies: string[], room: number): string[] {
  const paragraphs: string[][] = [];
  for (const b of bodies) {
    const last = paragraphs[paragraphs.length - 1];
    if (!last || startsParagraph(b) || last[0].trim() === '' || /^\s{2,}/.test(last[0])) paragraphs.push([b]);
    else last.push(b);
  }
  return paragraphs.flatMap((para) => {
    if (!para.some((l) => l.length > room) || para.some((l) => /https?:\/\//.test(l))) return para;
    const lead = /^(\s*(?:[-*•]|\d+[.)])?\s*)/.exec(para[0])![1];
    const hang = ' '.repeat(lead.length);
    const words = para.join(' ').slice(lead.length).split(/\s+/).filter(Boolean);
    return flow(words, room - lead.length).map((l, i) => (i === 0 ? lead : hang) + l);
  });
}

/** A file's text by lines, with what the comment edits need to know about it. */
interface Source {
  text: string;
  starts: number[];
  lines: string[];
  width: number;
  lineOf(pos: number): number;
}

type Comment = ts.CommentRange;

const indentOf = (line: string) => /^\s*/.exec(line)![0];

/** Every comment in the file, by the compiler's own comment ranges (never a `//` inside a string), in order. */
function commentsOf(sf: ts.SourceFile, text: string): Comment[] {
  const comments: Comment[] = [];
  ts.forEachChild(sf, function walk(node: ts.Node) {
    for (const r of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) comments.push(r);
    for (const r of ts.getTrailingCommentRanges(text, node.getEnd()) ?? []) comments.push(r);
    ts.forEachChild(node, walk);
  });
  for (const r of ts.getLeadingCommentRanges(text, sf.endOfFileToken.getFullStart()) ?? []) comments.push(r);
  return [...new Map(comments.map((c) => [c.pos, c])).values()].sort((a, b) => a.pos - b.pos);
}

/** A long `//` comment after code: its text moves to `//` lines of its own above the code. */
function trailingLineComment(src: Source, c: Comment): Edit | undefined {
  const first = src.lineOf(c.pos);
  const code = src.text.slice(src.starts[first], c.pos).trimEnd();
  const indent = indentOf(src.lines[first]);
  const body = src.text.slice(c.pos + 2, c.end).trim();
  if (/https?:\/\//.test(body)) return undefined;
  const moved = flow(body.split(/\s+/), src.width - indent.length - 3).map((l) => `${indent}// ${l}`);
  return { start: src.starts[first], end: c.end, text: `${moved.join('\n')}\n${code}` };
}

/** The run of `//` lines starting at comments[i]: each alone on its line, one after the other, same indentation. */
function lineCommentRun(src: Source, comments: Comment[], i: number): Comment[] {
  const indent = indentOf(src.lines[src.lineOf(comments[i].pos)]);
  const run = [comments[i]];
  while (i + run.length < comments.length) {
    const next = comments[i + run.length];
    const ln = src.lineOf(next.pos);
    if (next.kind !== ts.SyntaxKind.SingleLineCommentTrivia || ln !== src.lineOf(run[run.length - 1].pos) + 1) break;
    if (indentOf(src.lines[ln]) !== indent || !src.lines[ln].trimStart().startsWith('//')) break;
    run.push(next);
  }
  return run;
}

/** A run of `//` lines with a long one, re-flowed. */
function lineCommentRunEdit(src: Source, run: Comment[]): Edit | undefined {
  if (!run.some((r) => src.lines[src.lineOf(r.pos)].length > src.width)) return undefined;
  const indent = indentOf(src.lines[src.lineOf(run[0].pos)]);
  const bodies = run.map((r) => src.text.slice(r.pos + 2, r.end).replace(/^ /, ''));
  // Directives (`///`, eslint-disable, @ts-expect-error) are read by tools line by line: never re-flowed.
  if (bodies.some((b) => /^\/|eslint-|@ts-/.test(b))) return undefined;
  const out = reflow(bodies, src.width - indent.length - 3);
  const start = src.starts[src.lineOf(run[0].pos)];
  const text = out.map((b) => (b ? `${indent}// ${b}` : `${indent}//`)).join('\n');
  return { start, end: run[run.length - 1].end, text };
}

/** A block comment (`/** … *\/` or `/* … *\/`, on one line or many) on a long line, re-flowed as a multi-line one. */
function blockCommentEdit(src: Source, c: Comment): Edit | undefined {
  const first = src.lineOf(c.pos);
  const body = src.text.slice(c.pos, c.end);
  const open = body.startsWith('/**') ? '/**' : '/*';
  const indent = indentOf(src.lines[first]);
  const room = src.width - indent.length - 3;
  const bodies = body
    .slice(open.length, -2)
    .split('\n')
    .map((l, i) => (i === 0 ? l.trim() : l.replace(/^\s*\*?( ?)/, '')).replace(/\s+$/, ''));
  while (bodies.length && bodies[0] === '') bodies.shift();
  while (bodies.length && bodies[bodies.length - 1] === '') bodies.pop();
  const url = (b: string) => /https?:\/\//.test(b);
  if (bodies.some(url) && bodies.filter((b) => b.length > room).every(url)) return undefined;
  const out = reflow(bodies, room);
  const block = [`${open}`, ...out.map((b) => (b ? `${indent} * ${b}` : `${indent} *`)), `${indent} */`].join('\n');
  if (src.lines[first].trimStart().startsWith('/*')) return { start: c.pos, end: c.end, text: block };
  // A block comment after code on a long line: it moves above the code.
  const code = src.text.slice(src.starts[first], c.pos).trimEnd();
  return { start: src.starts[first], end: c.end, text: `${indent}${block}\n${code}` };
}

function commentEdits(sf: ts.SourceFile, text: string, width: number): Edit[] {
  const starts = lineStarts(text);
  const src: Source = {
    text,
    starts,
    lines: starts.map((s, i) => text.slice(s, (starts[i + 1] ?? text.length + 1) - 1)),
    width,
    lineOf: (pos) => sf.getLineAndCharacterOfPosition(pos).line,
  };
  const comments = commentsOf(sf, text);
  const edits: (Edit | undefined)[] = [];
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i];
    const first = src.lineOf(c.pos);
    const long = src.lines.slice(first, src.lineOf(c.end) + 1).some((l) => l.length > width);
    if (c.kind !== ts.SyntaxKind.SingleLineCommentTrivia) {
      if (long) edits.push(blockCommentEdit(src, c));
    } else if (!src.lines[first].trimStart().startsWith('//')) {
      if (long) edits.push(trailingLineComment(src, c));
    } else {
      const run = lineCommentRun(src, comments, i);
      edits.push(lineCommentRunEdit(src, run));
      i += run.length - 1;
    }
  }
  return edits.filter((e) => e !== undefined);
}

// ---------------------------------------------------------------------------------------------------------------

function apply(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function rewrite(file: string, width: number): { before: string; after: string } {
  const before = readFileSync(file, 'utf8');
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  let sf = ts.createSourceFile(file, before, ts.ScriptTarget.Latest, true, kind);
  // Comments first (their edits do not move a literal onto another line), then literals on the new text.
  const afterComments = apply(before, commentEdits(sf, before, width));
  sf = ts.createSourceFile(file, afterComments, ts.ScriptTarget.Latest, true, kind);
  return { before, after: apply(afterComments, stringEdits(sf, afterComments, width)) };
}

function main(argv: string[]): number {
  const width = Number(argv.find((a) => a.startsWith('--width='))?.slice(8) ?? 120);
  const check = argv.includes('--check');
  let changed = 0;
  for (const file of argv.filter((a) => !a.startsWith('--')).flatMap(sourceFiles)) {
    const { before, after } = rewrite(file, width);
    if (after === before) continue;
    changed++;
    if (check) console.log(`would change ${file}`);
    else writeFileSync(file, after);
  }
  console.log(`${changed} file(s) ${check ? 'to change' : 'changed'}`);
  return check && changed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
