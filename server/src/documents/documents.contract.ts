import { z } from 'zod';

/** `?lang=`: the language the portal shows, e.g. `es` or `es-US`; documents are written in English and Spanish. */
export const documentQuery = z.strictObject({
  lang: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like en or es-US')
    .max(35)
    .optional()
    .meta({
      description:
        "The language to write the document in (the portal's language): `en` or `es`, with a region for money and dates (`es-US`). Without it, the request's Accept-Language; else English",
    }),
});
