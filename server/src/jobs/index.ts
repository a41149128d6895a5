/** The job queue: work written in a transaction and run after it commits, at least once. */
export { JobQueue } from './job-queue.ts';
export { PermanentJobError } from './job.ts';
export type { Job } from './job.ts';
export { jobCommands } from './jobs.cli.ts';
export { JobsRepository } from './jobs.repository.ts';
