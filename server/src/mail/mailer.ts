import { PermanentJobError } from '../jobs/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import { assertSendable, MailDeliveryError, type MailMessage, type MailProvider } from './mail.ts';

export const mailJobKind = 'mail.send';

/**
 * How the service sends email: never inline. `queue` writes the email as a job, inside the
 * transaction of the change it reports when there is one, so a request's answer never waits on
 * or depends on the mail server, and an email whose server is down goes out when it returns.
 */
export class Mailer {
  constructor(
    private readonly jobs: JobQueue,
    readonly provider: MailProvider,
  ) {
    jobs.register<MailMessage>(mailJobKind, (job) => this.#deliver(job.id, job.payload), { maxAttempts: 12 });
  }

  /**
   * Queues one email. `key` names what it is about (e.g. `receipt:pay_…`): the same key is sent
   * once however often it is queued. Rejects, queueing nothing, for a message no provider would take.
   */
  async queue(message: MailMessage, key: string): Promise<void> {
    assertSendable(message);
    await this.jobs.enqueue({ kind: mailJobKind, key: `mail:${key}`, firmId: message.firmId ?? null, payload: message });
  }

  async #deliver(jobId: string, message: MailMessage): Promise<void> {
    try {
      // The job's id is the email's: a repeat after a crash is stored once, or carries the same Message-ID.
      await this.provider.send({ ...message, id: jobId });
    } catch (error) {
      if (error instanceof TypeError || (error instanceof MailDeliveryError && !error.retryable)) {
        throw new PermanentJobError(error.message, { cause: error });
      }
      throw error;
    }
  }
}
