import { cliActor, withServices, type Command } from '../cli/command.ts';
import { Problem } from '../http/problem.ts';
import type { ApiKey } from './api-keys.repository.ts';

/** One line per key: the prefix tells keys apart; the key itself is never shown again. */
function describe(apiKey: ApiKey): string {
  return [
    apiKey.id,
    `${apiKey.prefix}…`,
    `created ${apiKey.createdAt}`,
    `last used ${apiKey.lastUsedAt ?? 'never'}`,
    ...(apiKey.revokedAt ? [`revoked ${apiKey.revokedAt}`] : []),
    apiKey.name,
  ].join('  ');
}

export const apiKeyCommands: Record<string, Command> = {
  'apikey create': {
    usage: 'portico apikey create --firm SLUG [--name NAME]',
    summary: "Create an API key for the firm-side API. The key is printed once: store it in the firm's backend.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      name: { type: 'string', description: 'What the key is for (default "default").' },
    },
    required: ['firm'],
    async run(v, { config, out, err }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const { key, apiKey } = await services.apiKeys.create(firm.id, (v.name as string) ?? 'default');
        out(key);
        err(`API key ${apiKey.id} for ${firm.slug}. It is shown only this once.`);
      });
    },
  },
  'apikey list': {
    usage: 'portico apikey list --firm SLUG',
    summary: "List a firm's API keys, oldest first: id, prefix, when created and last used, and whether revoked.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
    },
    required: ['firm'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const keys = await services.apiKeys.list(firm.id);
        for (const apiKey of keys) out(describe(apiKey));
        if (!keys.length) out(`No API keys in ${firm.slug}.`);
      });
    },
  },
  'apikey revoke': {
    usage: 'portico apikey revoke --firm SLUG ID',
    summary: 'Revoke an API key: requests with it are refused from the next one on. It cannot be undone.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
    },
    argument: { name: 'ID', key: 'id', description: 'The id of the key (see apikey list), e.g. key_…' },
    required: ['firm'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const id = v.id as string;
        try {
          await services.apiKeys.revoke(firm.id, id, cliActor);
        } catch (error) {
          if (!(error instanceof Problem) || error.status !== 404) throw error;
          const revoked = (await services.apiKeys.list(firm.id)).find((apiKey) => apiKey.id === id)?.revokedAt;
          if (revoked) throw Problem.conflict('api_key_revoked', `API key ${id} of ${firm.slug} was already revoked on ${revoked}.`);
          throw Problem.notFound(`API key ${id} in ${firm.slug} (portico apikey list --firm ${firm.slug} shows its keys)`);
        }
        out(`Revoked API key ${id} of ${firm.slug}; requests with it are refused from now on.`);
      });
    },
  },
};
