export * from './redact';
export * from './secret-string';
