/**
 * Turning the chapters' plain text into HTML: `$…$` inline and `$$…$$` display
 * TeX via KaTeX (never throws; a bad formula shows in red), everything else
 * HTML-escaped. Returns strings for dangerouslySetInnerHTML: the only markup in
 * them is KaTeX's and our own <strong>/<em>.
 */
import katex from 'katex';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function texToHtml(tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
}

/** Inline text with $…$ math. */
export function inlineHtml(text: string): string {
  const parts = text.split(/(\$[^$]+\$)/g);
  return parts
    .map((p) => (p.length > 2 && p.startsWith('$') && p.endsWith('$') ? texToHtml(p.slice(1, -1), false) : escapeHtml(p).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')))
    .join('');
}

export type Block = { kind: 'heading'; html: string; text: string } | { kind: 'paragraph'; html: string } | { kind: 'math'; html: string };

/** Blocks of an article: `## ` headings, blank-line paragraphs, `$$…$$` display equations. */
export function articleBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.trim().split(/\n\s*\n/)) {
    for (const piece of chunk.split(/(\$\$[\s\S]+?\$\$)/g)) {
      const t = piece.trim();
      if (!t) continue;
      if (t.startsWith('$$')) blocks.push({ kind: 'math', html: texToHtml(t.slice(2, -2), true) });
      else if (t.startsWith('## ')) {
        const [head, ...rest] = t.split('\n');
        blocks.push({ kind: 'heading', html: inlineHtml(head.slice(3)), text: head.slice(3) });
        if (rest.join(' ').trim()) blocks.push({ kind: 'paragraph', html: inlineHtml(rest.join(' ')) });
      } else blocks.push({ kind: 'paragraph', html: inlineHtml(t.replace(/\n/g, ' ')) });
    }
  }
  return blocks;
}
