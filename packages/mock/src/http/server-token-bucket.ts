/** Settings of the mock server's rate limit: `ratePerSecond` tokens refill per second, up to `burst`. */
export interface MockRateLimit {
  ratePerSecond: number;
  burst: number;
}

/** The outcome of one request against the bucket, with the headers that report it. */
export interface BucketDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/**
 * A token bucket, as the mock server enforces it: each request takes one
 * token; an empty bucket answers 429 with `Retry-After`. Every response
 * reports the state in `X-RateLimit-Limit` (burst), `X-RateLimit-Remaining`,
 * `X-RateLimit-Reset` (seconds until full) and `RateLimit-Policy` (`<rate>;w=1`).
 */
export class ServerTokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: MockRateLimit,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.last = nowMs();
  }

  take(): BucketDecision {
    const now = this.nowMs();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.ratePerSecond);
    this.last = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const remaining = Math.floor(this.tokens);
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.limit.burst),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(Math.ceil((this.limit.burst - this.tokens) / this.limit.ratePerSecond)),
      'ratelimit-policy': `${this.limit.ratePerSecond};w=1`,
    };
    if (!allowed) headers['retry-after'] = String(Math.max(1, Math.ceil((1 - this.tokens) / this.limit.ratePerSecond)));
    return { allowed, headers };
  }
}
