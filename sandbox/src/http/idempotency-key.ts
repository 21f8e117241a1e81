import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

/** The Idempotency-Key header, if sent: 1 to 255 visible ASCII characters, else a 400. */
export function idempotencyKey(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError(400, 'invalid_value', {
      param: 'Idempotency-Key',
      detail: { zh: '应为 1 到 255 个可见 ASCII 字符', en: 'must be 1 to 255 visible ASCII characters' },
    });
  }
  return key;
}
