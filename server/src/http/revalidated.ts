import etag from 'etag';
import type { Response } from 'express';

/**
 * Sends `value` as JSON with an entity tag, for a reply a cache keeps and revalidates
 * (`no-cache`, or a `max-age` that has run out): Express answers a matching `If-None-Match` with a
 * 304 and no body. The service turns Express's own tags off (`createApp`): the API's replies are
 * `no-store`, and a tag on a reply no cache keeps is a hash of every body for nothing.
 */
export function sendRevalidated(res: Response, value: unknown): void {
  const body = JSON.stringify(value);
  res.type('json').set('ETag', etag(body)).send(body);
}
