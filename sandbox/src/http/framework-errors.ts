/**
 * Errors Fastify raises itself (parsing, body limits, schema validation) turned into the
 * catalogue's errors, so every answer, even one no handler produced, is in the envelope.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { ApiError } from '../errors.ts';
import { validationError } from './validation.ts';

/**
 * What Fastify itself throws (parsing, limits, validation), as far as the mapping below reads it.
 * Validation findings are Ajv's own error objects: the validator compiler is ours (createAjv).
 */
interface FrameworkError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: ErrorObject[];
  validationContext?: string;
}

/** Seconds a client is asked to wait while the database is away: a restart usually takes a few. */
const DATABASE_RETRY_AFTER_S = 2;

/** Maps anything thrown while handling a request to the catalogue error to answer. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  const err: FrameworkError = typeof thrown === 'object' && thrown !== null ? thrown : {};
  if (err.validation) return validationError(err.validation, err.validationContext ?? '');
  // The store's StoreUnavailable (matched by its code: http does not import the store). Nothing
  // was acknowledged, so the client may retry; writes with their Idempotency-Key.
  if (err.code === 'STORE_UNAVAILABLE') {
    return new ApiError(503, 'database_unavailable', { headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_S) } });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(400, 'body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? new ApiError(400, 'unsupported_media_type')
        : new ApiError(400, 'malformed_body', { detail: 'Content-Length' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'malformed_json', { detail: { zh: '请求体为空', en: 'the body is empty' } });
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError(400, 'malformed_body', { detail: String(err.message ?? '').slice(0, 200) });
  }
  return new ApiError(500, 'internal_error');
}
