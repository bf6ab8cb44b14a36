/**
 * A token bucket: `capacity` requests at once, refilled at `capacity` per `periodMs`. One bucket
 * for the webhook route as a whole: PagerDuty delivers from many addresses, and what it protects
 * is the HMAC and the database behind it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly periodMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes a token; false when none is left. */
  take(): boolean {
    const now = this.now();
    const refill = ((now - this.last) / this.periodMs) * this.capacity;
    this.tokens = Math.min(this.capacity, this.tokens + refill);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token. */
  retryAfterSeconds(): number {
    return Math.max(
      1,
      Math.ceil(((1 - this.tokens) * this.periodMs) / this.capacity / 1000),
    );
  }
}
