import { Page } from '@playwright/test';

/**
 * Whether `page` has asked the signals backend for `channel` yet, over its /api/signals
 * websocket, watched from this call on (call it before the page loads). A signal published
 * before a page subscribed never reaches it (signals are not kept), so a test that publishes
 * while a page is open waits for this first: on a fresh backend the first websocket can take
 * seconds to connect.
 */
export function subscribedTo(page: Page, channel: string): () => boolean {
  let subscribed = false;
  page.on('websocket', ws => {
    if (new URL(ws.url()).pathname !== '/api/signals') return;
    ws.on('framesent', frame => {
      if (String(frame.payload).includes(channel)) subscribed = true;
    });
  });
  return () => subscribed;
}
