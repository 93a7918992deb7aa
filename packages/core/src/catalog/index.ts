export * from './catalog-api';
export { CatalogOptions, type CatalogOptionsInput } from './catalog-options';
export type * from './catalog-rows';
export { CATALOG_SERVICE, type CatalogService, catalogService } from './catalog-service';
export {
  CATALOG_TABS,
  type CatalogPage,
  type CatalogTab,
  type CatalogTabRowRefs,
  type ItemRowRef,
  type MultipleListingRowRef,
  type NotInPosRowRef,
  type TabFilter,
  tabRows,
} from './catalog-tabs';
export type { ChannelCounts, ChannelState, NotInPosReason } from './channel-state';
export * from './classifier';
export type { IntColumn } from './int-column';
