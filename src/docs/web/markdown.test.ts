import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from './markdown.js';

describe('markdown for descriptions', () => {
  it('shows raw HTML as text instead of running it', () => {
    const html = renderMarkdown('<script>alert(1)</script> and <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it('keeps only safe link targets and escapes quotes inside them', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>x)</p>');
    expect(renderMarkdown('[doc](https://example.com/a?b=1&c="2")')).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=&amp;quot;2&amp;quot;" rel="noopener noreferrer">doc</a></p>',
    );
    expect(renderMarkdown('[model](#/node/model.hr.worker)')).toContain(
      'href="#/node/model.hr.worker"',
    );
  });

  it('formats paragraphs, emphasis, code, lists, headings and tables', () => {
    expect(renderMarkdown('Active **workers** per *department*; see `worker_id`.')).toBe(
      '<p>Active <strong>workers</strong> per <em>department</em>; see <code>worker_id</code>.</p>',
    );
    expect(renderMarkdown('- one\n- two <b>')).toBe('<ul><li>one</li><li>two &lt;b&gt;</li></ul>');
    expect(renderMarkdown('1. first\n2. second')).toBe('<ol><li>first</li><li>second</li></ol>');
    expect(renderMarkdown('# Title')).toBe('<h3>Title</h3>');
    expect(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toBe(
      '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    );
    expect(renderMarkdown('```\nselect *\nfrom <t>\n```')).toBe(
      '<pre><code>select *\nfrom &lt;t&gt;</code></pre>',
    );
  });

  it('does not format inside code spans and leaves snake_case words alone', () => {
    expect(renderMarkdown('`**not bold**` and hire_date_first')).toBe(
      '<p><code>**not bold**</code> and hire_date_first</p>',
    );
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
