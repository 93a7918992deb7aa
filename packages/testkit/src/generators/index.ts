export * from './generate-catalog';
export * from './generate-orders';
export * from './generate-stock-bursts';
export * from './random';
