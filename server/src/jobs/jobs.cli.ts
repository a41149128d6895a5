import { withServices, type Command } from '../cli/command.ts';
import { Problem } from '../http/problem.ts';
import type { Job, JobState } from './job.ts';

const states: JobState[] = ['pending', 'running', 'done', 'dead'];

function describe(job: Job): string {
  const when = job.state === 'pending' ? `next ${job.runAt}` : job.state === 'running' ? `since ${job.updatedAt}` : `ended ${job.finishedAt ?? job.updatedAt}`;
  const error = job.lastError ? `  ${job.lastError.split('\n')[0]!.slice(0, 160)}` : '';
  return [job.id, job.state.padEnd(7), job.kind.padEnd(24), `${job.attempts}/${job.maxAttempts}`.padEnd(5), when].join('  ') + error;
}

export const jobCommands: Record<string, Command> = {
  'jobs list': {
    usage: 'portico jobs list [--state pending|running|done|dead]… [--kind KIND] [--limit N]',
    summary: 'List the job queue (emails, processor events, sweeps), newest first: by default what is waiting, running or dead.',
    options: {
      state: { type: 'string', multiple: true, description: 'Only jobs in this state (repeat for several). Default: pending, running and dead.' },
      kind: { type: 'string', description: 'Only jobs of this kind, e.g. mail.send.' },
      limit: { type: 'string', description: 'At most this many (default 50, at most 500).' },
    },
    async run(v, { config, out }) {
      const wanted = (v.state as string[] | undefined) ?? ['pending', 'running', 'dead'];
      for (const state of wanted) {
        if (!states.includes(state as JobState)) throw Problem.badRequest('invalid_option', `--state must be one of ${states.join(', ')}, got "${state}".`);
      }
      const limit = v.limit === undefined ? 50 : Number(v.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw Problem.badRequest('invalid_option', `--limit must be a whole number from 1 to 500, got "${String(v.limit)}".`);
      await withServices(
        config,
        async (services) => {
          const counts = await services.jobs.store.counts();
          out(`${counts.pending} pending, ${counts.running} running, ${counts.dead} dead, ${counts.done} done (kept a week)`);
          const jobs = await services.jobs.store.list({ states: wanted as JobState[], kind: v.kind as string | undefined, limit });
          for (const job of jobs) out(describe(job));
          if (!jobs.length) out('No jobs match.');
        },
        { runJobs: false },
      );
    },
  },
  'jobs retry': {
    usage: 'portico jobs retry (--id JOB | --all-dead)',
    summary: 'Run a dead job once more now (after fixing what made it fail), and say how it went.',
    options: {
      id: { type: 'string', description: 'The job id (see jobs list).' },
      'all-dead': { type: 'boolean', description: 'Every dead job.' },
    },
    async run(v, { config, out }) {
      if (!v.id === !v['all-dead']) throw Problem.badRequest('invalid_option', 'Give --id JOB or --all-dead.');
      await withServices(config, async (services) => {
        const { store } = services.jobs;
        const ids = v.id ? [v.id as string] : (await store.list({ states: ['dead'], limit: 500 })).map((job) => job.id);
        if (v.id) {
          const job = await store.find(v.id as string);
          if (!job) throw Problem.notFound(`job ${v.id as string}`);
          if (job.state !== 'dead') throw Problem.conflict('job_not_dead', `Job ${job.id} is ${job.state}; only a dead job can be retried.`);
        }
        if (!ids.length) return out('No dead jobs.');
        const now = services.clock();
        for (const id of ids) await store.retry(id, now);
        await services.jobs.drain();
        for (const id of ids) {
          const job = (await store.find(id))!;
          out(job.state === 'done' ? `${id}: done` : `${id}: ${job.state} again: ${job.lastError ?? 'no error recorded'}`);
        }
      });
    },
  },
};
