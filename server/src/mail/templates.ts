/**
 * The service's emails, in the firm's branding. Every email is built from `brandedLayout`:
 * table-based HTML with inline styles (what mail clients render reliably) plus a plain-text
 * version carrying the same words and every link written out.
 */

/** The firm as its emails show it. */
export interface EmailFirm {
  name: string;
  logoUrl?: string;
  colors: { brand: string; brandContrast?: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The pieces an email body is made of, in order. */
export type EmailBlock =
  | { type: 'paragraph'; text: string }
  /** The call to action: a brand-coloured button, with the link also written out. Only http(s). */
  | { type: 'action'; label: string; url: string }
  /** Label/value rows, e.g. an invoice number, an amount, a payment method. */
  | { type: 'facts'; rows: ReadonlyArray<{ label: string; value: string }> }
  /** Smaller, muted text: expiry notices, "if this wasn't you" advice. */
  | { type: 'note'; text: string };

export interface BrandedLayoutInput {
  firm: EmailFirm;
  subject: string;
  /** The preview line inbox lists show beside the subject. */
  preheader?: string;
  heading: string;
  blocks: readonly EmailBlock[];
  /** Why the recipient got this email; shown in the footer after who sent it. */
  reason: string;
  /** The language the email is written in: the layout's own words follow it. English unless given. */
  language?: Language;
}

import { contrastRatio, minimumContrast, parseHexColor, readableTextColor } from '../color.ts';
import { readerLocale, translator, type Language, type Translate } from '../i18n/index.ts';
import { dateTimeFormat, numberFormat } from '../intl-formats.ts';
import { formatCalendarDate, formatMoney } from '../money.ts';

/** Used when a firm's brand colour is missing or not a hex colour. */
export const DEFAULT_BRAND_COLOR = '#1f3a5f';
/** WCAG AA for normal-size text; the button label is 16px bold, which is not "large" text. */
const MIN_CONTRAST = minimumContrast;

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const TEXT_COLOR = '#1f2937';
const MUTED_COLOR = '#4b5563';
const PAGE_COLOR = '#f3f4f6';
const CARD_COLOR = '#ffffff';
const RULE_COLOR = '#e5e7eb';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Makes any text safe inside HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);
}

export { contrastRatio, parseHexColor, readableTextColor, relativeLuminance } from '../color.ts';

/**
 * The button's colours: the firm's brand (or the default when it is not a hex colour) and its
 * `brandContrast` when that is a hex colour readable on the brand (WCAG AA), else black or white.
 */
export function brandColors(colors: { brand?: string; brandContrast?: string } | undefined): { brand: string; contrast: string } {
  const brand = parseHexColor(colors?.brand) ?? DEFAULT_BRAND_COLOR;
  const chosen = parseHexColor(colors?.brandContrast);
  const contrast = chosen && contrastRatio(brand, chosen) >= MIN_CONTRAST ? chosen : readableTextColor(brand);
  return { brand, contrast };
}

/** The URL, normalised, when it is absolute http or https; undefined for anything else (javascript:, data:, relative…). */
export function safeHttpUrl(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** Collapses line breaks and runs of spaces: for subjects and other one-line values. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function firmName(firm: EmailFirm, language: Language = 'en'): string {
  return oneLine(firm.name ?? '') || translator(language)('email.firm-fallback');
}

function requireHttpUrl(value: string, what: string): string {
  const url = safeHttpUrl(value);
  if (!url) throw new TypeError(`The ${what} must be an absolute http(s) URL`);
  return url;
}

function paragraphHtml(text: string, color: string, size: number): string {
  const lines = text.split(/\r?\n/).map(escapeHtml).join('<br>');
  return `<p style="margin:0 0 16px 0;font-family:${FONT};font-size:${size}px;line-height:${size + 8}px;color:${color};">${lines}</p>`;
}

function actionHtml(label: string, url: string, colors: { brand: string; contrast: string }, t: Translate): string {
  const href = escapeHtml(url);
  return [
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px 0;border-collapse:separate;">`,
    `<tr><td align="center" bgcolor="${colors.brand}" style="border-radius:6px;background-color:${colors.brand};">`,
    `<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 28px;font-family:${FONT};font-size:16px;font-weight:bold;line-height:24px;color:${colors.contrast};text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a>`,
    `</td></tr></table>`,
    `<p style="margin:0 0 16px 0;font-family:${FONT};font-size:14px;line-height:22px;color:${MUTED_COLOR};">`,
    `${escapeHtml(t('email.link-fallback'))}<br>`,
    `<a href="${href}" target="_blank" rel="noopener" style="color:${TEXT_COLOR};text-decoration:underline;word-break:break-all;">${href}</a></p>`,
  ].join('');
}

function factsHtml(rows: ReadonlyArray<{ label: string; value: string }>): string {
  const cells = rows
    .map(
      (row) =>
        `<tr><td style="padding:8px 0;border-bottom:1px solid ${RULE_COLOR};font-family:${FONT};font-size:14px;line-height:20px;color:${MUTED_COLOR};">${escapeHtml(row.label)}</td>` +
        `<td align="right" style="padding:8px 0;border-bottom:1px solid ${RULE_COLOR};font-family:${FONT};font-size:14px;line-height:20px;color:${TEXT_COLOR};font-weight:bold;">${escapeHtml(row.value)}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 24px 0;">${cells}</table>`;
}

function headerHtml(firm: EmailFirm, name: string, brand: string): string {
  const logo = safeHttpUrl(firm.logoUrl);
  const content = logo
    ? `<img src="${escapeHtml(logo)}" alt="${escapeHtml(name)}" height="48" style="display:block;height:48px;width:auto;max-width:240px;border:0;outline:none;text-decoration:none;font-family:${FONT};font-size:20px;font-weight:bold;color:${TEXT_COLOR};">`
    : `<span style="font-family:${FONT};font-size:20px;line-height:28px;font-weight:bold;color:${TEXT_COLOR};">${escapeHtml(name)}</span>`;
  return `<tr><td style="padding:24px 32px;border-top:6px solid ${brand};border-bottom:1px solid ${RULE_COLOR};border-radius:8px 8px 0 0;">${content}</td></tr>`;
}

/**
 * Wraps an email's content in the firm's branding and renders both versions. Every value is
 * escaped; colours are used only when they are hex; links only when they are http(s) (an action
 * with any other link is refused, a logo with one is left out and the firm's name shown instead).
 */
export function brandedLayout(input: BrandedLayoutInput): RenderedEmail {
  const language = input.language ?? 'en';
  const t = translator(language);
  const name = firmName(input.firm, language);
  const colors = brandColors(input.firm.colors);
  const subject = oneLine(input.subject);
  const footer = `${t('email.footer', { firm: name })} ${oneLine(input.reason)}`;

  const bodyHtml: string[] = [
    `<h1 style="margin:0 0 16px 0;font-family:${FONT};font-size:22px;line-height:30px;font-weight:bold;color:${TEXT_COLOR};">${escapeHtml(input.heading)}</h1>`,
  ];
  const bodyText: string[] = [input.heading];

  for (const block of input.blocks) {
    switch (block.type) {
      case 'paragraph':
        bodyHtml.push(paragraphHtml(block.text, TEXT_COLOR, 16));
        bodyText.push(block.text);
        break;
      case 'note':
        bodyHtml.push(paragraphHtml(block.text, MUTED_COLOR, 14));
        bodyText.push(block.text);
        break;
      case 'action': {
        const url = requireHttpUrl(block.url, `link of "${block.label}"`);
        bodyHtml.push(actionHtml(block.label, url, colors, t));
        bodyText.push(`${block.label}:\n${url}`);
        break;
      }
      case 'facts':
        if (block.rows.length === 0) break;
        bodyHtml.push(factsHtml(block.rows));
        bodyText.push(block.rows.map((row) => `${row.label}: ${row.value}`).join('\n'));
        break;
    }
  }

  const preheader = input.preheader
    ? `<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">${escapeHtml(oneLine(input.preheader))}</div>`
    : '';

  const html = [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="x-apple-disable-message-reformatting">',
    '<meta name="color-scheme" content="light">',
    '<meta name="supported-color-schemes" content="light">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:${PAGE_COLOR};">`,
    preheader,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${PAGE_COLOR};">`,
    '<tr><td align="center" style="padding:24px 12px;">',
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:${CARD_COLOR};border-radius:8px;">`,
    headerHtml(input.firm, name, colors.brand),
    `<tr><td style="padding:32px;">${bodyHtml.join('')}</td></tr>`,
    `<tr><td style="padding:20px 32px;border-top:1px solid ${RULE_COLOR};font-family:${FONT};font-size:12px;line-height:18px;color:${MUTED_COLOR};">${escapeHtml(footer)}</td></tr>`,
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
  ].join('\n');

  const text = [name, ...bodyText, `--\n${footer}`].join('\n\n') + '\n';
  return { subject, text, html };
}

export function greeting(contactName: string | undefined, language: Language = 'en'): string {
  const name = oneLine(contactName ?? '');
  const t = translator(language);
  return name ? t('email.greeting', { name }) : t('email.greeting-plain');
}

function toDate(value: Date | string, what: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`The ${what} is not a valid date`);
  return date;
}

/** e.g. "March 5, 2025 at 3:00 PM UTC"; "5 de marzo de 2025, 3:00 p.m. UTC" in `es-US`. */
export function formatEmailDateTime(value: Date | string, timeZone = 'UTC', locale = 'en-US'): string {
  return dateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(toDate(value, 'date'));
}

/** e.g. "1 hour", "2 hours", "30 minutes", "90 minutes"; "10 minutos" in Spanish. */
export function formatMinutes(minutes: number, locale = 'en-US'): string {
  if (!Number.isFinite(minutes) || minutes <= 0) throw new TypeError(`A duration must be a positive number of minutes, got ${minutes}`);
  const whole = Math.ceil(minutes);
  const [value, unit] = whole % 60 === 0 ? [whole / 60, 'hour'] : [whole, 'minute'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * What an email to a client is written with, in their language: the catalog's words (`t`), and
 * money, dates and durations in the language's region (from the firm's currency: es-US for a firm
 * billing in dollars, so "$1,234.56"), instants in the firm's time zone. Every email to a client
 * takes a `language` and builds its words here; emails to the firm's staff are in English.
 */
export interface EmailWords {
  language: Language;
  /** The BCP 47 tag money and dates are formatted in, e.g. `es-US`. */
  locale: string;
  t: Translate;
  /** The firm's name, or "Your firm" in the language when it has none. */
  firm: string;
  greeting(contactName: string | undefined): string;
  money(amount: number, currency: string): string;
  /** An instant, to the minute, in the firm's time zone: "March 5, 2025 at 3:00 PM EST". */
  dateTime(value: Date | string): string;
  /** The day an instant fell on in the firm's time zone: "March 5, 2025". */
  day(iso: string): string;
  /** A calendar date (`2026-03-02`): "March 2, 2026". */
  calendarDate(date: string): string;
  /** "10 minutes", "1 hour". */
  minutes(count: number): string;
}

export function emailWords(firm: EmailFirm, options: { language?: Language; currency?: string; timeZone?: string } = {}): EmailWords {
  const language = options.language ?? 'en';
  const { locale } = readerLocale(language, options.currency ?? 'USD');
  const timeZone = options.timeZone ?? 'UTC';
  return {
    language,
    locale,
    t: translator(language),
    firm: firmName(firm, language),
    greeting: (contactName) => greeting(contactName, language),
    money: (amount, currency) => formatMoney(amount, currency, locale),
    dateTime: (value) => formatEmailDateTime(value, timeZone, locale),
    day: (iso) => dateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(toDate(iso, 'date')),
    calendarDate: (date) => formatCalendarDate(date, locale),
    minutes: (count) => formatMinutes(count, locale),
  };
}

export interface InvitationEmailInput {
  firm: EmailFirm;
  contactName: string;
  /** The accept-invitation link carrying the token. */
  link: string;
  expiresAt: Date | string;
  /** The person at the firm who sent the invitation, when known. */
  invitedBy?: string;
  /** The time zone the expiry is shown in (IANA name); UTC unless the firm has one. */
  timeZone?: string;
  /** The contact already has a login: the email says so and offers a new password, not a first login. */
  hasLogin?: boolean;
  /** The contact's language; English unless given. */
  language?: Language;
}

/** Invites a contact to create a portal login. */
export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  if (input.hasLogin) return existingLoginEmail(input);
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const inviter = oneLine(input.invitedBy ?? '');
  const expires = w.dateTime(input.expiresAt);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.invitation.subject', { firm }),
    preheader: t('email.invitation.preheader', { expires }),
    heading: t('email.invitation.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: inviter ? t('email.invitation.body-from', { inviter, firm }) : t('email.invitation.body', { firm }) },
      { type: 'paragraph', text: t('email.invitation.start') },
      { type: 'action', label: t('email.invitation.action'), url: input.link },
      { type: 'note', text: t('email.invitation.expiry', { expires, firm }) },
    ],
    reason: t('email.invitation.reason', { firm }),
  });
}

/**
 * An invitation sent to a contact who already has a login: it must not read as a first
 * invitation. Their login keeps working; the link only sets a new password, for a client who
 * lost theirs.
 */
function existingLoginEmail(input: InvitationEmailInput): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const expires = w.dateTime(input.expiresAt);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.existing-login.subject', { firm }),
    preheader: t('email.existing-login.preheader'),
    heading: t('email.existing-login.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.existing-login.body', { firm }) },
      { type: 'paragraph', text: t('email.existing-login.forgot') },
      { type: 'action', label: t('email.existing-login.action'), url: input.link },
      { type: 'note', text: t('email.existing-login.expiry', { expires }) },
    ],
    reason: t('email.existing-login.reason', { firm }),
  });
}

export interface StaffInvitationEmailInput {
  firm: EmailFirm;
  staffName: string;
  /** The console's accept-invitation link carrying the token. */
  link: string;
  expiresAt: Date | string;
  role: 'owner' | 'admin' | 'staff';
  timeZone?: string;
}

/** Invites a member of the firm's staff to its console: a password, then a second factor. */
export function staffInvitationEmail(input: StaffInvitationEmailInput): RenderedEmail {
  const name = firmName(input.firm);
  const expires = formatEmailDateTime(input.expiresAt, input.timeZone);
  const role = { owner: 'an owner', admin: 'an administrator', staff: 'a staff member' }[input.role];
  return brandedLayout({
    firm: input.firm,
    subject: `You have been added to the ${name} client portal console`,
    preheader: `Set your password before ${expires}.`,
    heading: 'Set up your console account',
    blocks: [
      { type: 'paragraph', text: greeting(input.staffName) },
      {
        type: 'paragraph',
        text: `${name} has added you as ${role} of its client portal console, where the firm answers clients' messages, shares documents, sends invoices and manages payments.`,
      },
      { type: 'paragraph', text: 'To get started, choose your password. You will then set up a second sign-in step: an authenticator app or a passkey.' },
      { type: 'action', label: 'Set up your account', url: input.link },
      { type: 'note', text: `This invitation expires on ${expires}. After that, ask an owner at ${name} to send you a new one.` },
    ],
    reason: `You received this email because someone at ${name} added you to its client portal console. If you weren't expecting it, you can ignore it.`,
  });
}

export interface PasswordResetEmailInput {
  firm: EmailFirm;
  contactName: string;
  /** The reset link carrying the token. */
  link: string;
  expiresInMinutes: number;
  /** The contact's language; English unless given. */
  language?: Language;
}

/** Lets a contact choose a new password after asking for a reset. */
export function passwordResetEmail(input: PasswordResetEmailInput): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const duration = w.minutes(input.expiresInMinutes);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.reset.subject', { firm }),
    preheader: t('email.reset.preheader', { duration }),
    heading: t('email.reset.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.reset.body', { firm }) },
      { type: 'action', label: t('email.reset.action'), url: input.link },
      { type: 'note', text: t('email.reset.expiry', { duration }) },
      { type: 'note', text: t('email.reset.not-you') },
    ],
    reason: t('email.reset.reason', { firm }),
  });
}
