export * from './channel-order';
export * from './customer';
export * from './listing';
export * from './money';
export * from './order-status';
export * from './pos-item';
export * from './stock';
