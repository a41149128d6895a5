import { addDays } from '../calendar.ts';
import type { Contact } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import type { Services } from '../services.ts';

/** `hour`:`minutes` in Los Angeles (the demo firm's zone, UTC−8 in winter) on a date, as a UTC instant. */
const at = (date: string, hour: number, minutes = 0) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour + 8, minutes)).toISOString();

/** Tasks and events for the demo clients, dated around `today` (the firm's date). */
export async function seedDemoActivities(services: Services, firm: Firm, clients: { alex: Contact; jordan: Contact }, today: string): Promise<void> {
  const { activities } = services.repositories;
  const now = services.clock().toISOString();
  const task = (contact: Contact, title: string, notes: string | null, dueInDays: number | null, completedDaysAgo: number | null = null) =>
    activities.create(
      firm.id,
      'task',
      {
        contactId: contact.id,
        title,
        notes,
        dueOn: dueInDays === null ? null : addDays(today, dueInDays),
        completedAt: completedDaysAgo === null ? null : `${addDays(today, -completedDaysAgo)}T18:00:00.000Z`,
        startsAt: null,
        endsAt: null,
        allDay: false,
        location: null,
      },
      now,
    );
  const event = (contact: Contact, title: string, notes: string | null, startsAt: string, endsAt: string, allDay: boolean, location: string | null) =>
    activities.create(firm.id, 'event', { contactId: contact.id, title, notes, dueOn: null, completedAt: null, startsAt, endsAt, allDay, location }, now);

  const { alex, jordan } = clients;
  await task(
    alex,
    'Sign the engagement letter for the estate matter',
    'The letter is in Files under "Estate of Eleanor Morgan". Sign page 3 and upload it, or bring it to the office.',
    -3,
  );
  await task(
    alex,
    'Upload photos of the water damage in the unit',
    'Dated photos of the ceiling and the bathroom, with the notices you taped to the door, help us at the deposition.',
    6,
  );
  await task(alex, 'Review the draft settlement terms', 'We will discuss them after the mediation; note anything you want changed.', 12);
  await task(
    alex,
    'Gather bank statements for the estate inventory',
    'Statements for every account in your mother’s name, from the date of death to today.',
    null,
  );
  await task(alex, 'Complete the client intake questionnaire', null, -40, 38);
  const deposition = addDays(today, 9);
  await event(
    alex,
    'Castellan deposition: Dr. Sarah Castellan testifies',
    'Margaret Hale will take the deposition; you are welcome to attend but need not speak.',
    at(deposition, 10),
    at(deposition, 13, 30),
    false,
    'Hale & Whitmore LLP, 400 Montgomery Street, Suite 1200, San Francisco',
  );
  const mediation = addDays(today, 21);
  await event(
    alex,
    'Mediation with Castellan Property Group',
    'Plan for the full day. Lunch is provided.',
    mediation,
    mediation,
    true,
    'JAMS, Two Embarcadero Center, Suite 1500, San Francisco',
  );
  const consultation = addDays(today, -40);
  await event(alex, 'Initial consultation', null, at(consultation, 14), at(consultation, 15), false, 'Hale & Whitmore LLP');
  await task(jordan, 'Send the signed lease for 1200 Harrison St', 'Upload the landlord’s countersigned copy once you have it.', 5);
  const call = addDays(today, 4);
  await event(jordan, 'Call about the tenant improvement allowance', null, at(call, 11), at(call, 11, 30), false, 'Phone');
}
