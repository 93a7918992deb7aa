/**
 * `@omnisync/mock/msw`: msw handlers for the mock marketplace's REST API.
 * A separate entry point, so that only users of msw need it installed.
 *
 * @packageDocumentation
 */
export { createMockHandlers, type MockHandlersOptions } from './mock-handlers';
