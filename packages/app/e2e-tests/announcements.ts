/* eslint-disable no-restricted-imports */
import { Page } from '@playwright/test';

declare global {
  interface Window {
    /** Every sentence given to a status line since the document began (see below). */
    stewardshipSaid?: string[];
  }
}

/**
 * Records every sentence a status line (`role="status"`, or a polite live region) is given, from each new document's first
 * moment, except where screen readers do not hear it (under `aria-hidden`), so that a test can check all that was said during a visit. An assertion on a region's
 * current text sees only its latest state: a late, wrong sentence (one for the first load, say)
 * said before the expected one would pass unseen. `ChangeAnnouncement` puts each sentence in a new
 * node, so every added node inside a status region is one sentence said. Registering twice records
 * once.
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (window.stewardshipSaid) return;
    const said: string[] = [];
    window.stewardshipSaid = said;
    // Status lines, and the plain polite live region Try again says its outcome on.
    const REGIONS = '[role="status"], [aria-live="polite"]';
    const SENTENCES = '[role="status"] > *, [aria-live="polite"] > *';
    // The mutation's target, not the node's parent now: a sentence replaced before the
    // observer runs is detached by then, but was still said.
    const record = (node: Node, target: Node) => {
      if (!(node instanceof Element)) return;
      // Not said: a screen reader ignores what changes under aria-hidden (the page behind an MUI
      // dialog, which hides it so while open).
      if (target instanceof Element && target.closest('[aria-hidden="true"]')) {
        return;
      }
      const inRegion =
        target instanceof Element && target.closest(REGIONS) ? [node] : [];
      for (const sentence of [
        ...inRegion,
        ...node.querySelectorAll(SENTENCES),
      ]) {
        const text = sentence.textContent?.trim();
        if (text) said.push(text);
      }
    };
    new MutationObserver(mutations => {
      for (const mutation of mutations) {
        mutation.addedNodes.forEach(node => record(node, mutation.target));
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** The sentences said on the page's current document so far, oldest first, matching `pattern`. */
export async function saidOnPage(
  page: Page,
  pattern: RegExp = /^Showing /,
): Promise<string[]> {
  const said = await page.evaluate(() => window.stewardshipSaid ?? []);
  return said.filter(sentence => pattern.test(sentence));
}
