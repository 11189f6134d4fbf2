import { describe, expect, it } from 'vitest';
import { separateBlocks } from '../../src/integrations/block-separators.ts';

describe('separateBlocks', () => {
  it('puts a line break between blocks that touch, outside the elements only', () => {
    expect(separateBlocks('<p>pods can request.</p><ul><li><a>Sandbox</a></li><li>Pure Rust</li></ul>')).toBe(
      '<p>pods can request.</p>\n<ul>\n<li><a>Sandbox</a></li>\n<li>Pure Rust</li>\n</ul>',
    );
    expect(separateBlocks('<tr><td>638</td><td>146,027</td></tr>')).toBe('<tr>\n<td>638</td>\n<td>146,027</td>\n</tr>');
    expect(separateBlocks('a<br>b<br/>c')).toBe('a<br>\nb<br/>\nc');
    expect(separateBlocks('<svg><title>T</title><desc>D</desc><text>1</text></svg>')).toBe(
      '<svg>\n<title>T</title>\n<desc>D</desc>\n<text>1</text>\n</svg>',
    );
  });

  it('leaves inline elements, existing whitespace and raw text alone, and is idempotent', () => {
    const inline = '<p><strong>Rust</strong><a href="/x">component</a><code>a</code></p>';
    expect(separateBlocks(inline)).toBe(inline);
    const spaced = '<p>a</p> <p>b</p>\n<div>c</div>';
    expect(separateBlocks(spaced)).toBe(spaced);
    const raw = '<pre><p>x</p><p>y</p></pre><script>if (a<b) x("</p><p>")</script><style>p>a{}</style>';
    expect(separateBlocks(raw)).toBe(raw);
    const page =
      '<!doctype html><html><body><main><h1>T</h1><p>a</p><table><tr><td>1</td></tr></table></main></body></html>';
    expect(separateBlocks(separateBlocks(page))).toBe(separateBlocks(page));
  });

  it('reads attribute values holding ">" and comments as part of their tag', () => {
    expect(separateBlocks('<p title="a>b">x</p><!-- <p>y</p> --><p data-x=\'>\'>z</p>')).toBe(
      '<p title="a>b">x</p>\n<!-- <p>y</p> -->\n<p data-x=\'>\'>z</p>',
    );
  });
});
