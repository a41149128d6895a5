import type { z } from 'zod';
import { Problem } from './problem.ts';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Parses input against a schema. Failures become one 400 problem listing every bad field, so a
 * client can show each message beside its field. Schemas are strict: unknown fields are errors.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const at = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: 'is not a known field' }));
    }
    return [{ field: at || '(root)', message: issue.message }];
  });
  const summary = errors.map((e) => (e.field === '(root)' ? e.message : `${e.field} ${e.message}`)).join('; ');
  throw Problem.badRequest('invalid_request', `The ${what} is invalid: ${summary}.`, { errors });
}
