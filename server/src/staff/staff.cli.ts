import { cliActor, withServices, type Command } from '../cli/command.ts';
import { Problem } from '../http/problem.ts';
import type { StaffRole } from '../http/principal.ts';

const roles: readonly StaffRole[] = ['owner', 'admin', 'staff'];

export const staffCommands: Record<string, Command> = {
  'staff add': {
    usage: 'portico staff add --firm SLUG --email EMAIL --name NAME --role owner|admin|staff',
    summary: "Add a member of the firm's staff to the console and email them an invitation. Prints their id.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      email: { type: 'string', description: "The staff member's email address." },
      name: { type: 'string', description: "The staff member's name." },
      role: { type: 'string', description: 'owner (everything), admin (also billing and settings) or staff (clients, messages, files, tasks).' },
    },
    required: ['firm', 'email', 'name', 'role'],
    async run(v, { config, out, err }) {
      const role = v.role as StaffRole;
      if (!roles.includes(role)) throw Problem.badRequest('invalid_option', `--role must be one of ${roles.join(', ')}, not "${String(v.role)}".`);
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const member = await services.staff.add(firm.id, { email: v.email as string, name: v.name as string, role }, cliActor);
        out(member.id);
        err(`Added ${member.name} <${member.email}> to ${firm.slug} as ${member.role}; the invitation is emailed.`);
      });
    },
  },
  'staff list': {
    usage: 'portico staff list --firm SLUG',
    summary: "List a firm's staff: id, email, name, role, status and last sign-in.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
    },
    required: ['firm'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const members = await services.staff.list(firm.id);
        for (const m of members) out([m.id, m.email, m.name, m.role, m.status, `last sign-in ${m.lastSignInAt ?? 'never'}`].join('  '));
        if (!members.length) out(`No staff in ${firm.slug}.`);
      });
    },
  },
};
