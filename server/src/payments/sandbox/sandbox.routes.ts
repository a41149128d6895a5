import { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { newId } from '../../db/ids.ts';
import { checkBankAccount, checkCard, type InstrumentError } from './instruments.ts';
import type { SandboxBankLink } from './sandbox-bank-link.ts';
import type { SandboxProcessor } from './sandbox.processor.ts';
import type { SandboxRepository } from './sandbox.repository.ts';

const cardBody = z.strictObject({
  type: z.literal('card'),
  card: z.strictObject({
    number: z.string().max(30),
    exp_month: z.coerce.number(),
    exp_year: z.coerce.number(),
    cvc: z.string().max(8),
  }),
  billing_details: z
    .strictObject({ name: z.string().max(200).optional(), address: z.strictObject({ postal_code: z.string().max(20).optional() }).optional() })
    .optional(),
});
const bankBody = z.strictObject({
  type: z.literal('us_bank_account'),
  us_bank_account: z.strictObject({
    routing_number: z.string().max(20),
    account_number: z.string().max(30),
    account_type: z.enum(['checking', 'savings']).default('checking'),
    account_holder_type: z.enum(['individual', 'company']).optional(),
  }),
  billing_details: z.strictObject({ name: z.string().trim().min(1).max(200), email: z.string().max(254).optional() }),
});
const methodBody = z.discriminatedUnion('type', [cardBody, bankBody]);

/** Stripe's error shape: `{ error: { type, code, message, param } }`. */
function stripeError(res: Response, error: InstrumentError) {
  res.status(error.status).json({ error: { type: error.type, code: error.code, message: error.message, param: error.param } });
}

function invalidRequest(res: Response, message: string, param?: string) {
  res.status(400).json({ error: { type: 'invalid_request_error', code: 'parameter_invalid', message, param } });
}

/**
 * The sandbox processor's browser-facing API. It mirrors Stripe's shapes, so card and account
 * numbers go from the client's browser to the processor, never to the token service's routes.
 */
export function sandboxRoutes(deps: { repository: SandboxRepository; processor: SandboxProcessor; bankLink: SandboxBankLink; clock: Clock }): Router {
  const { repository, processor, bankLink, clock } = deps;
  const router = Router();

  router.post('/v1/payment_methods', async (req, res) => {
    const parsed = methodBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const param = issue.path.map((part, index) => (index === 0 ? String(part) : `[${String(part)}]`)).join('');
      return invalidRequest(res, `Invalid payment method: ${param || 'body'} ${issue.message}`, param);
    }
    const body = parsed.data;
    const id = newId('pm');
    const createdAt = clock().toISOString();
    if (body.type === 'card') {
      const checked = checkCard({ ...body.card, postalCode: body.billing_details?.address?.postal_code }, clock());
      if ('status' in checked) return stripeError(res, checked);
      await repository.insertMethod({
        id,
        type: 'card',
        outcome: checked.outcome,
        brand: checked.brand,
        last4: checked.last4,
        expMonth: body.card.exp_month,
        expYear: body.card.exp_year < 100 ? 2000 + body.card.exp_year : body.card.exp_year,
        bankName: null,
        accountType: null,
        holderName: body.billing_details?.name ?? null,
        funding: checked.funding,
        postalCode: body.billing_details?.address?.postal_code?.trim() || null,
        createdAt,
      });
      return res.json({
        id,
        object: 'payment_method',
        type: 'card',
        card: { brand: checked.brand, last4: checked.last4, funding: checked.funding, exp_month: body.card.exp_month, exp_year: body.card.exp_year },
        billing_details: body.billing_details ?? {},
      });
    }
    const checked = checkBankAccount(body.us_bank_account);
    if ('status' in checked) return stripeError(res, checked);
    await repository.insertMethod({
      id,
      type: 'us_bank_account',
      outcome: checked.outcome,
      brand: null,
      last4: checked.last4,
      expMonth: null,
      expYear: null,
      bankName: checked.bankName,
      accountType: body.us_bank_account.account_type,
      holderName: body.billing_details.name,
      createdAt,
    });
    res.json({
      id,
      object: 'payment_method',
      type: 'us_bank_account',
      us_bank_account: {
        bank_name: checked.bankName,
        last4: checked.last4,
        account_type: body.us_bank_account.account_type,
        routing_number: body.us_bank_account.routing_number,
      },
      billing_details: body.billing_details,
    });
  });

  // The sandbox's 3-D Secure page: what the card's bank would show.
  router.post('/v1/payment_intents/:id/authenticate', async (req, res) => {
    const parsed = z.strictObject({ client_secret: z.string().max(200), outcome: z.enum(['approve', 'deny']) }).safeParse(req.body);
    if (!parsed.success) return invalidRequest(res, 'Send client_secret and outcome (approve or deny).');
    const [chargeId, secret] = splitClientSecret(parsed.data.client_secret);
    if (chargeId !== req.params.id) return invalidRequest(res, 'The client secret does not belong to this payment.', 'client_secret');
    const charge = await processor.authenticate(chargeId, secret, parsed.data.outcome === 'approve');
    if (!charge) return invalidRequest(res, 'This payment is not waiting for authentication.', 'client_secret');
    res.json({ id: charge.id, object: 'payment_intent', status: charge.status === 'failed' ? 'requires_payment_method' : charge.status });
  });

  router.get('/link/institutions', (req, res) => {
    const query = typeof req.query.query === 'string' ? req.query.query.slice(0, 100) : '';
    res.json({ institutions: bankLink.searchInstitutions(query) });
  });

  const linkStep = (res: Response, result: Awaited<ReturnType<SandboxBankLink['signIn'] | SandboxBankLink['chooseAccount']>>) => {
    if ('error' in result) return res.status(400).json(result);
    res.json(result);
  };
  const field = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : '');

  router.post('/link/sessions/:token/credentials', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    linkStep(
      res,
      await bankLink.signIn(req.params.token, { institutionId: field(body.institutionId), username: field(body.username), password: field(body.password) }),
    );
  });
  router.post('/link/sessions/:token/mfa', async (req, res) => {
    linkStep(res, await bankLink.verifyCode(req.params.token, field((req.body as Record<string, unknown> | undefined)?.code)));
  });
  router.post('/link/sessions/:token/account', async (req, res) => {
    linkStep(res, await bankLink.chooseAccount(req.params.token, field((req.body as Record<string, unknown> | undefined)?.accountId)));
  });

  return router;
}

/** Body-parser failures in Stripe's error shape too, so the browser code handles one shape. */
export const sandboxErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error?.type === 'entity.parse.failed') return invalidRequest(res, 'The request body is not valid JSON.');
  if (error?.type === 'entity.too.large') return invalidRequest(res, 'The request body is too large.');
  next(error);
};

/** `pi_123_secret_abc` → [`pi_123`, `secret_abc`]. */
export function splitClientSecret(clientSecret: string): [string, string] {
  const at = clientSecret.indexOf('_secret_');
  return at < 0 ? ['', ''] : [clientSecret.slice(0, at), clientSecret.slice(at + 1)];
}
