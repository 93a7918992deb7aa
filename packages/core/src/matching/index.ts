export * from './item-index';
export * from './load-item-index';
export * from './normalize-sku';
