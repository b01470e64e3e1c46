import type { Page } from 'playwright';
import { expect } from 'vitest';

/**
 * Latin words allowed on a page, each for a reason: the keys printed beside their actions (Enter, and the
 * editors' Ctrl+S, Esc, Tab; single letters are keys too), IP (IP 属地, as the platforms themselves print it), and brand names in the
 * display names of configured crawlers (RSSHub, Discuz).
 */
const ALLOWED = new Set(['Enter', 'Ctrl', 'Esc', 'Tab', 'IP', 'RSSHub', 'Discuz']);

/** What a person reads on the current page: technical detail for admins (raw error text) is marked and left out. */
export async function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    for (const el of document.querySelectorAll('code.tech')) el.remove();
    return document.body.innerText;
  });
}

/** English words, raw ids (user:2, rule ids, field codes) and ISO times in what a page says. */
export function problems(text: string): string[] {
  const out: string[] = [];
  const plain = text.replace(/GD\d{8}-\d{6}/g, ''); // work-order numbers are how departments quote an order
  for (const word of plain.match(/[A-Za-z]{2,}/g) ?? []) if (!ALLOWED.has(word)) out.push(`English word "${word}"`);
  for (const raw of text.match(/\b(user|key):\d+|\d{4}-\d\d-\d\dT\d\d|\b[a-z_]+\.[a-z_]+(\.[a-z_]+)?\b/g) ?? []) out.push(`raw id or time "${raw}"`);
  return [...new Set(out)];
}

/** Fails when a long unbroken string (or anything else) makes the page wider than the window. */
export async function fitsWindow(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `page wider than the window at ${page.url()}`).toBeLessThanOrEqual(inner);
}
