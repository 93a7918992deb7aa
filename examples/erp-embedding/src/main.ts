import { erpEmbedding } from './erp-embedding';

await erpEmbedding();
