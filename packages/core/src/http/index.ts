/**
 * `@omnisync/core/http`: the HTTP kit for connector authors.
 *
 * @packageDocumentation
 */
export { redactHeaders, redactText, redactUrl, redactValue } from '../secrets/redact';
