import { webhooksExample } from './webhooks';

await webhooksExample();
