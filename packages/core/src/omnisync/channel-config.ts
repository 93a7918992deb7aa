import type { ChannelConnectorV1 } from '../connector/v1/channel-connector-v1';

/**
 * One channel account handed to `createOmnisync`: its connector, plus the
 * per-channel rule sets each feature reads (validated by that feature when the
 * instance is created).
 */
export interface ChannelConfig {
  connector: ChannelConnectorV1;
  /** A name a person reads (defaults to the channel id). */
  name?: string;
  /** Import rules for orders (see the orders guide). */
  orders?: Record<string, unknown>;
  /** Quantity rules for inventory pushes (see the inventory guide). */
  inventory?: Record<string, unknown>;
  /** Scan settings (see the scan guide). */
  scan?: Record<string, unknown>;
}

/** A configured channel as the engine holds it. */
export interface ChannelRuntime {
  id: string;
  name: string;
  connector: ChannelConnectorV1;
  config: ChannelConfig;
}
