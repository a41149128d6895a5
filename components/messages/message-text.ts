import { html, type TemplateResult } from 'lit';
import { t } from './messages-catalog.ts';

/** A run of a message's text: plain, or a web address to show as a link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A web address starts with http:// or https:// and runs to the next space or angle bracket.
const addressPattern = /\bhttps?:\/\/[^\s<>"]+/gi;
// Punctuation that usually ends the sentence around an address rather than the address itself.
const trailingPunctuation = /[.,;:!?'’”)\]}]+$/;
const openerOf: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/**
 * Splits a message's plain text into text and links. Only `http:` and `https:` addresses become
 * links; everything else, markup included, stays text. A closing bracket at the end of an
 * address stays part of it when the address opened one, as in Wikipedia's `…_(law)`.
 */
export function textParts(body: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of body.matchAll(addressPattern)) {
    const start = match.index;
    let text = match[0];
    const trailing = trailingPunctuation.exec(text)?.[0] ?? '';
    text = text.slice(0, text.length - trailing.length);
    // Give back closing brackets the address itself opened.
    for (const char of trailing) {
      const open = openerOf[char];
      if (open && count(text, open) > count(text, char)) text += char;
      else break;
    }
    const href = webAddress(text);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'link', text, href });
    last = start + text.length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** The address as a URL string when it is a valid http(s) address with a host. */
function webAddress(text: string): string | undefined {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A message body as Lit text and links: every character is bound as text (never parsed as HTML),
 * and each link opens in a new tab without access to this page.
 */
export function renderMessageText(body: string): (TemplateResult | string)[] {
  return textParts(body).map((part) =>
    part.kind === 'text'
      ? part.text
      : html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}<span class="visually-hidden"> ${t('messages.link-new-tab')}</span></a>`,
  );
}
