/**
 * The logger omnisync writes to: the shape of pino's (and of console, mostly),
 * so a host passes its own. Silent by default. Every line omnisync logs is
 * redacted before it is written.
 */
export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

const noop = () => {};

/** A logger that writes nothing (the default). */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
