import type { Page } from 'playwright';
import { expect } from 'vitest';

/** Hostile text stayed text: no injected script ran (it would set window.__pwned) and no <img> was made from it. */
export async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('main img').count()).toBe(0);
}

/** Replaces a CodeMirror editor's text as a paste would (no auto-indent of typed newlines). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
