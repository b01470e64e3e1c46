import { describe, expect, it } from 'vitest';
import { xmlChars } from '../../src/downstream/xml-chars.js';

describe('xmlChars: keeps what XML 1.0 allows (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF])', () => {
  it.each([
    ['plain Chinese', '井盖没了', '井盖没了'],
    ['tab, LF, CR kept', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['NUL dropped', 'a\u0000b', 'ab'],
    ['backspace dropped', '路灯\b不亮', '路灯不亮'],
    ['ESC (terminal colour) dropped', '\u001b[31m红\u001b[0m', '[31m红[0m'],
    ['vertical tab and form feed dropped', 'a\u000bb\u000cc', 'abc'],
    ['unit separator dropped', 'a\u001fb', 'ab'],
    ['space and DEL kept (DEL is allowed)', ' \u007f', ' \u007f'],
    ['C1 controls kept (allowed by XML 1.0)', '\u0085\u009f', '\u0085\u009f'],
    ['last BMP char before surrogates kept', '\ud7ff', '\ud7ff'],
    ['lone high surrogate dropped', 'a\ud800b', 'ab'],
    ['lone low surrogate dropped', 'a\udc00b', 'ab'],
    ['reversed pair dropped', 'a\udc00\ud800b', 'ab'],
    ['private use kept', '\ue000', '\ue000'],
    ['U+FFFD kept', '\ufffd', '\ufffd'],
    ['U+FFFE dropped', 'a\ufffeb', 'ab'],
    ['U+FFFF dropped', 'a\uffffb', 'ab'],
    ['astral (emoji) pair kept', '臭😡', '臭😡'],
    ['last code point kept', '\u{10ffff}', '\u{10ffff}'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(xmlChars(input)).toBe(expected);
  });
});
