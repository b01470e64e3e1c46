/**
 * Characters outside XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]). With the `u` flag a lone surrogate is one code point, so it matches too.
 */
const NOT_XML_CHAR = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Drops what XML 1.0 cannot carry, even escaped (a crawled \b or ESC, U+FFFE, a lone surrogate):
 * one such character makes the whole document unparseable for every client.
 */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}
