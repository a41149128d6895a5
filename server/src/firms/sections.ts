import type { RequestHandler } from 'express';
import { clientOf } from '../http/principal.ts';
import { Problem } from '../http/problem.ts';
import type { Section } from './firm.ts';

/** Which section each client route belongs to, by its first path segment. */
const sectionOf: Record<string, Section> = {
  activities: 'activities',
  invoices: 'invoices',
  plans: 'invoices',
  autopay: 'invoices',
  threads: 'messages',
  files: 'files',
};

/**
 * Refuses a client's request to a section the firm turned off (403 `section_disabled`), so
 * hiding a section in the portal also closes its API. Runs after the client is authenticated,
 * on the firm read then.
 */
export function requireEnabledSection(): RequestHandler {
  // Errors go to `next`, never thrown: callers may chain this middleware by hand.
  return (req, _res, next) => {
    const section = sectionOf[req.path.split('/')[1] ?? ''];
    if (section) {
      try {
        const { firm } = clientOf(req);
        if (!firm.settings.sections[section]) {
          throw Problem.forbidden('section_disabled', `${firm.name} does not offer ${section} in its portal.`);
        }
      } catch (error) {
        return next(error);
      }
    }
    next();
  };
}
