import etag from 'etag';
import type { Response } from 'express';

/** A JSON body and its entity tag, worked out together (once, for a body that does not change). */
export interface TaggedJson {
  body: string;
  tag: string;
}

export function taggedJson(value: unknown): TaggedJson {
  const body = JSON.stringify(value);
  return { body, tag: etag(body) };
}

/**
 * Sends a JSON body with its entity tag, for a reply a cache keeps and revalidates (`no-cache`,
 * or a `max-age` that has run out): Express answers a matching `If-None-Match` with a 304 and no
 * body. The service turns Express's own tags off (`createApp`): the API's replies are `no-store`,
 * and a tag on a reply no cache keeps is a hash of every body for nothing.
 */
export function sendRevalidated(res: Response, { body, tag }: TaggedJson): void {
  res.type('json').set('ETag', tag).send(body);
}
