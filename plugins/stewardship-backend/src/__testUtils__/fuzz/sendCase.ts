import request from 'supertest';
import { FuzzCase } from './fuzzCases';
import { SloPool } from './SloPool';
import { ReceivedResponse, SentRequest } from './specChecker';

/** A request as sent and the response to it. */
export interface Exchange {
  url: string;
  sent: SentRequest;
  received: ReceivedResponse;
}

/** Every response body as text, whatever its content type. */
function textParser(
  res: any,
  callback: (error: Error | null, body: string) => void,
) {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
  });
  res.on('end', () => callback(null, text));
}

/** Lone surrogates replaced by U+FFFD, as UTF-8 encoding does: they cannot be percent-encoded. */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/**
 * Sends a case to the plugin at `base`: stored SLOs chosen from the pool, path and query
 * percent-encoded (raw parts as given), `auth` as the Authorization header (none when undefined).
 */
export async function sendCase(options: {
  app: any;
  base: string;
  pool: SloPool;
  fuzzCase: FuzzCase;
  auth: string | undefined;
  /** The X-PagerDuty-Signature of a body text, for the webhook. */
  sign?: (text: string) => string;
}): Promise<Exchange> {
  const { app, base, pool, fuzzCase, auth, sign } = options;
  const pathParams: Record<string, string | undefined> = {};
  const path = fuzzCase.operation.path.replace(/\{(\w+)\}/g, (_, name) => {
    const raw = fuzzCase.rawPathParams?.[name];
    if (raw !== undefined) {
      try {
        pathParams[name] = decodeURIComponent(raw);
      } catch {
        pathParams[name] = undefined;
      }
      return raw;
    }
    const value = fuzzCase.pathParams[name];
    const text = wellFormed(
      typeof value === 'string' ? value : pool.pick(value, pathParams),
    );
    pathParams[name] = text;
    return encodeURIComponent(text);
  });
  const query = fuzzCase.query.map(
    ([key, value]) => [wellFormed(key), wellFormed(value)] as [string, string],
  );
  const queryText = [
    ...query.map(
      ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
    ),
    ...(fuzzCase.rawQuery ? [fuzzCase.rawQuery] : []),
  ].join('&');
  const url = `${base}${path}${queryText ? `?${queryText}` : ''}`;
  const body = fuzzCase.body && {
    contentType: fuzzCase.body.contentType,
    text:
      fuzzCase.body.text ??
      JSON.stringify(fuzzCase.body.value, (_key, value) =>
        value?.$version === true ? pool.version(pathParams.id) : value,
      ),
  };

  let req = (request(app) as any)[fuzzCase.operation.method](url);
  if (auth) req = req.set('Authorization', auth);
  if (sign) req = req.set('X-PagerDuty-Signature', sign(body?.text ?? ''));
  if (body) req = req.set('Content-Type', body.contentType).send(body.text);
  const res = await req.buffer(true).parse(textParser);
  return {
    url,
    sent: { pathParams, query, rawQuery: fuzzCase.rawQuery, body },
    received: {
      status: res.status,
      contentType: res.headers['content-type'],
      text: res.body,
    },
  };
}
