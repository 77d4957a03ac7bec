// Hostile user text in Markdown: shown as written, never ending a cell or a row, never HTML.
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText } from './markdown-text.js';

describe('markdownText', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a|b', 'a\\|b'],
    ['line one\nline two\r\n', 'line one line two '],
    ['`rm -rf`', '\\`rm -rf\\`'],
    ['fish & chips', 'fish &amp; chips'],
    ['**bold** _it_ [link](javascript:x) ~~x~~', '\\*\\*bold\\*\\* \\_it\\_ \\[link\\](javascript:x) \\~\\~x\\~\\~'],
    ['payload_kib=64', 'payload_kib=64'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes %j', (input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });

  it('keeps a table row one row of the same number of cells', () => {
    const row = `| ${markdownText('a|b\n| c |')} | ${markdownText('x')} |`;
    expect(row.split('\n')).toHaveLength(1);
    expect(row.split(/(?<!\\)\|/)).toHaveLength(4);
  });
});

describe('markdownCode', () => {
  it.each([
    ['pbkdf2/iterations=1000/sync/1', '`pbkdf2/iterations=1000/sync/1`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['a|b\nc', '`a\\|b c`'],
    ['<img src=x>', '`<img src=x>`'],
  ])('fences %j', (input, expected) => {
    expect(markdownCode(input)).toBe(expected);
  });
});
