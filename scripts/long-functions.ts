/**
 * Dev tool: lists the longest functions (declarations, methods, arrows, function expressions) in the given
 * folders, by line count, so that a function doing several jobs at once is easy to find.
 *
 *   npx tsx scripts/long-functions.ts [--min=80] [--top=N] <folder|file …>
 *
 * A function nested in another is counted on its own and also inside its parent (the parent's line count is its
 * whole extent), which is what a reader scrolling through it sees.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

interface Found {
  file: string;
  line: number;
  name: string;
  lines: number;
}

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return /\.tsx?$/.test(path) ? [path] : [];
  return readdirSync(path)
    .filter((n) => n !== 'node_modules')
    .flatMap((n) => sourceFiles(join(path, n)));
}

/** A readable name for a function-like node: its own name, or the variable / property it is assigned to. */
function nameOf(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (node.name) return node.name.getText(sf);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(sf);
  // A callback: name it by the call it is passed to, e.g. describe('schema') or it('clamps').
  if (ts.isCallExpression(parent)) {
    const label = parent.arguments.find(ts.isStringLiteralLike);
    return `${parent.expression.getText(sf)}(${label ? `'${label.text}'` : '…'})`;
  }
  return '(anonymous)';
}

function functionsIn(file: string): Found[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, line: start + 1, name: nameOf(node, sf), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function main(argv: string[]): void {
  const min = Number(argv.find((a) => a.startsWith('--min='))?.slice(6) ?? 80);
  const top = Number(argv.find((a) => a.startsWith('--top='))?.slice(6) ?? Infinity);
  const roots = argv.filter((a) => !a.startsWith('--'));
  const all = roots.flatMap(sourceFiles).flatMap(functionsIn);
  const long = all.filter((f) => f.lines >= min).sort((a, b) => b.lines - a.lines);
  for (const f of long.slice(0, top)) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
  console.log(`${long.length} function(s) of ${min}+ lines among ${all.length}`);
}

main(process.argv.slice(2));
