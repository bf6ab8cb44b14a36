import { CustomErrorBase } from '@backstage/errors';

/** 429: the Backstage error handler answers with an error's own `statusCode`. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  statusCode = 429 as const;
}
