import type { FaultInjector } from '../faults/fault-injector';
import type { WebhookTopic } from './mock-api';
import { signMockWebhook, WEBHOOK_HEADERS } from './webhook-signature';

/** One signed webhook delivery, shaped so that `connector.parseWebhook(delivery)` accepts it as is. */
export interface MockWebhookDelivery {
  deliveryId: string;
  topic: WebhookTopic;
  headers: Record<string, string>;
  rawBody: string;
}

/** A listener for webhook deliveries. */
export type WebhookListener = (delivery: MockWebhookDelivery) => void | Promise<void>;

/**
 * The mock marketplace's outgoing webhooks. Each delivery is signed, then put
 * through the webhook faults (lost, duplicated, held back behind the next one),
 * then either kept for `drain()` or handed to subscribers.
 */
export class WebhookOutbox {
  private pending: MockWebhookDelivery[] = [];
  private held: MockWebhookDelivery[] = [];
  private readonly listeners = new Set<WebhookListener>();
  private seq = 0;
  /** Every delivery signed, before faults: what the marketplace meant to send. */
  readonly sent: MockWebhookDelivery[] = [];

  constructor(
    private readonly secret: string,
    private readonly faults: FaultInjector,
    private readonly nowMs: () => number,
  ) {}

  /** Sign and send a delivery of `topic` carrying `data`. */
  emit(topic: WebhookTopic, data: unknown): MockWebhookDelivery {
    const deliveryId = `wh-${++this.seq}`;
    const timestamp = Math.floor(this.nowMs() / 1000);
    const rawBody = JSON.stringify({
      delivery_id: deliveryId,
      topic,
      sent_at: new Date(this.nowMs()).toISOString(),
      data,
    });
    const delivery: MockWebhookDelivery = {
      deliveryId,
      topic,
      rawBody,
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_HEADERS.deliveryId]: deliveryId,
        [WEBHOOK_HEADERS.topic]: topic,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signMockWebhook(this.secret, timestamp, rawBody),
      },
    };
    this.sent.push(delivery);
    this.route(delivery);
    return delivery;
  }

  private route(delivery: MockWebhookDelivery): void {
    const f = this.faults.current.webhooks ?? {};
    const random = this.faults.stream('webhooks');
    const lost = random.chance(f.lose ?? 0);
    const duplicated = random.chance(f.duplicate ?? 0);
    const reordered = random.chance(f.reorder ?? 0);
    if (lost) {
      this.faults.record('webhookLost', 'webhook', delivery.deliveryId);
      return;
    }
    if (reordered) {
      this.faults.record('webhookReordered', 'webhook', delivery.deliveryId);
      this.held.push(delivery);
      return;
    }
    this.deliver(delivery);
    if (duplicated) {
      this.faults.record('webhookDuplicated', 'webhook', delivery.deliveryId);
      this.deliver(delivery);
    }
    const late = this.held;
    this.held = [];
    for (const d of late) this.deliver(d);
  }

  private deliver(delivery: MockWebhookDelivery): void {
    if (this.listeners.size === 0) {
      this.pending.push(delivery);
      return;
    }
    for (const listener of this.listeners) queueMicrotask(() => void listener(delivery));
  }

  /** Send the deliveries held back by the reorder fault now (they otherwise wait for the next delivery). */
  releaseHeld(): void {
    const late = this.held;
    this.held = [];
    for (const d of late) this.deliver(d);
  }

  /** Take every delivery not yet taken, in delivery order (held-back ones are released at the end). */
  drain(): MockWebhookDelivery[] {
    const out = [...this.pending, ...this.held];
    this.pending = [];
    this.held = [];
    return out;
  }

  /** Receive deliveries as they are sent (asynchronously); returns an unsubscribe function. */
  subscribe(listener: WebhookListener): () => void {
    this.listeners.add(listener);
    const backlog = this.drain();
    for (const d of backlog) this.deliver(d);
    return () => this.listeners.delete(listener);
  }
}
