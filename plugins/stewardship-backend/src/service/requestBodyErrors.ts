import { CustomErrorBase } from '@backstage/errors';

/** 413: Backstage's error handler answers with an error's own `statusCode`. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

/** 415: a body in a charset or content encoding the API does not read. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415 as const;
}

/** `1048576` as `1 MB`, `262144` as `256 kB`. */
function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} kB`;
  return `${bytes} bytes`;
}

/**
 * A body parser's (body-parser's) refusal in words a caller can act on, as a 413 or 415 error of
 * this API: `Request body is too large: 1100025 bytes, over the limit of 1 MB`, `Request body
 * charset "latin-9" is not supported; send it as UTF-8`. Any other error is returned as it is.
 */
export function readableBodyError(error: unknown): unknown {
  const { type, length, limit, charset, encoding } = (error ?? {}) as {
    type?: unknown;
    length?: unknown;
    limit?: unknown;
    charset?: unknown;
    encoding?: unknown;
  };
  switch (type) {
    case 'entity.too.large': {
      // `length` is the Content-Length; a chunked body has none.
      const said = [
        typeof length === 'number' && `${length} bytes`,
        typeof limit === 'number' && `over the limit of ${sizeText(limit)}`,
      ].filter(Boolean);
      return new PayloadTooLargeError(
        said.length
          ? `Request body is too large: ${said.join(', ')}`
          : 'Request body is too large',
      );
    }
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError(
        `Request body charset "${String(
          charset,
        )}" is not supported; send it as UTF-8`,
      );
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError(
        `Content-Encoding "${String(
          encoding,
        )}" is not supported; send the body uncompressed, or as gzip or deflate`,
      );
    default:
      return error;
  }
}
