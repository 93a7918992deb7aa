import { createRandom, type SeededRandom } from '../random';
import { rateLimitedError, serverError, timeoutError } from './fault-errors';
import type { MockFaultKind, MockFaultRecord, MockFaults, ScriptedFault } from './mock-faults';
import { sleep } from './sleep';

/** The independent seeded random streams a `FaultInjector` draws from, one per fault kind. */
export type Stream = 'latency' | 'rateLimit' | 'serverError' | 'timeout' | 'webhooks' | 'scan' | 'payload';

/**
 * Decides and records faults. Each kind draws from its own seeded stream, so
 * switching one fault on does not change the sequence of another.
 */
export class FaultInjector {
  private faults: MockFaults;
  private streams = new Map<Stream, SeededRandom>();
  private readonly scripted: ScriptedFault[] = [];
  readonly log: MockFaultRecord[] = [];

  constructor(
    private readonly seed: string | number,
    faults: MockFaults = {},
  ) {
    this.faults = faults;
  }

  /** The faults now in force. */
  get current(): MockFaults {
    return this.faults;
  }

  /** Replace the faults in force (streams keep their position). */
  set(faults: MockFaults): void {
    this.faults = faults;
  }

  /** Schedule a fault for the next matching call(s). */
  script(fault: ScriptedFault): void {
    this.scripted.push({ ...fault, times: fault.times ?? 1 });
  }

  /** The seeded stream of one fault kind. */
  stream(name: Stream): SeededRandom {
    let s = this.streams.get(name);
    if (!s) {
      s = createRandom(`${this.seed}:${name}`);
      this.streams.set(name, s);
    }
    return s;
  }

  /** Record a fault that fired. */
  record(kind: MockFaultKind, target: string, detail?: string | number): void {
    this.log.push({ n: this.log.length + 1, kind, target, ...(detail === undefined ? {} : { detail }) });
  }

  /** Whether call faults apply to this method (the `methods` filter). */
  appliesTo(method: string): boolean {
    return !this.faults.methods || this.faults.methods.includes(method);
  }

  /** Run the call faults for one call: wait the latency, then throw a 429, 5xx or timeout when one fires. */
  async beforeCall(method: string, signal?: AbortSignal): Promise<void> {
    const scripted = this.takeScripted(method);
    if (scripted) return this.fire(scripted, method, signal);
    if (!this.appliesTo(method)) return;
    const delay = this.latency();
    if (delay > 0) {
      this.record('latency', method, delay);
      await sleep(delay, signal);
    }
    const f = this.faults;
    const limited = f.rateLimit ? this.stream('rateLimit').chance(f.rateLimit.rate) : false;
    const failed = f.serverError ? this.stream('serverError').chance(f.serverError.rate) : false;
    const timedOut = f.timeout ? this.stream('timeout').chance(f.timeout.rate) : false;
    if (limited) return this.fire({ kind: 'rateLimit', ...f.rateLimit }, method, signal);
    if (failed) return this.fire({ kind: 'serverError', ...f.serverError }, method, signal);
    if (timedOut) return this.fire({ kind: 'timeout', ...f.timeout }, method, signal);
  }

  /** Decide a call fault without throwing (the HTTP server turns it into a response). */
  decide(method: string): ScriptedFault | null {
    const scripted = this.takeScripted(method);
    if (scripted) return scripted;
    if (!this.appliesTo(method)) return null;
    const f = this.faults;
    const limited = f.rateLimit ? this.stream('rateLimit').chance(f.rateLimit.rate) : false;
    const failed = f.serverError ? this.stream('serverError').chance(f.serverError.rate) : false;
    const timedOut = f.timeout ? this.stream('timeout').chance(f.timeout.rate) : false;
    if (limited) return { kind: 'rateLimit', ...f.rateLimit };
    if (failed) return { kind: 'serverError', ...f.serverError };
    if (timedOut) return { kind: 'timeout', ...f.timeout };
    return null;
  }

  /** The latency to add to one call (0 when none), drawn from the latency stream. */
  latency(): number {
    const l = this.faults.latency;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return this.stream('latency').int(l.minMs, l.maxMs);
  }

  private takeScripted(method: string): ScriptedFault | null {
    const list = this.scripted;
    const at = list.findIndex((s) => !s.method || s.method === method);
    if (at < 0) return null;
    const fault = list[at] as ScriptedFault;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) list.splice(at, 1);
    return fault;
  }

  private async fire(fault: ScriptedFault, method: string, signal?: AbortSignal): Promise<never> {
    if (fault.kind === 'rateLimit') {
      const seconds = fault.retryAfterSeconds ?? 1;
      this.record('rateLimit', method, seconds);
      throw rateLimitedError(method, seconds * 1000);
    }
    if (fault.kind === 'serverError') {
      const status = fault.status ?? 503;
      this.record('serverError', method, status);
      throw serverError(method, status);
    }
    const afterMs = fault.afterMs ?? 0;
    this.record('timeout', method, afterMs);
    if (afterMs > 0) await sleep(afterMs, signal);
    throw timeoutError(method);
  }
}
