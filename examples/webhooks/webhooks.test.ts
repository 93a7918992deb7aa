import { expect, it } from 'vitest';
import { webhooksExample } from './src/webhooks';

it('imports an order from a verified webhook, refuses a forged one, and polling finds nothing missing', async () => {
  const { pos, forgedStatus, poll, posts } = await webhooksExample(() => {});
  expect(posts.length).toBeGreaterThan(0);
  expect(posts.every((p) => p.status === 200)).toBe(true);
  expect(pos.sales()).toHaveLength(1);
  expect(forgedStatus).toBe(401);
  expect(poll.imported).toBe(0);
});
