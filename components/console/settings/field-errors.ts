import { ApiError } from '../../api/api-error.ts';

/**
 * A form's failed save, split for showing: each problem the service names a field of (`400
 * invalid_request` and `422` field errors) goes next to that field when the form has it;
 * anything else goes in the form's alert.
 */
export class FormProblems {
  readonly #fields = new Map<string, string>();
  /** Problems no field of the form can show; undefined when there are none. */
  readonly general: unknown;

  /** `fields` are the form's field paths as the service names them, e.g. `branding.colors.brand`. */
  constructor(error: unknown, fields: readonly string[]) {
    const known = new Set(fields);
    const stray: string[] = [];
    if (error instanceof ApiError && error.errors.length) {
      for (const { field, message } of error.errors) {
        const at = fieldOf(field, known);
        if (at && !this.#fields.has(at)) this.#fields.set(at, message);
        else if (!at) stray.push(field === '(root)' ? message : `${field} ${message}`);
      }
      this.general = stray.length ? new ApiError({ status: error.status, code: 'invalid_request', detail: stray.join('; ') }) : undefined;
    } else if (error instanceof ApiError && typeof error.extensions.field === 'string' && fieldOf(error.extensions.field, known)) {
      this.#fields.set(fieldOf(error.extensions.field, known)!, error.detail);
      this.general = undefined;
    } else {
      this.general = error;
    }
  }

  /** The service's message for `field`, if it named it. */
  of(field: string): string | undefined {
    return this.#fields.get(field);
  }

  /** The first field with a problem, in the form's order. */
  first(fields: readonly string[]): string | undefined {
    return fields.find((field) => this.#fields.has(field));
  }
}

// `allowedOrigins.2` belongs to the `allowedOrigins` field; the deepest known field wins.
function fieldOf(path: string, known: Set<string>): string | undefined {
  const parts = path.split('.');
  for (let end = parts.length; end > 0; end--) {
    const candidate = parts.slice(0, end).join('.');
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}
