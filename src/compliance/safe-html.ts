/** Markup that is already safe to emit; only `html` and `rawHtml` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What an `html` template interpolates: text is escaped, SafeHtml is kept, lists are joined. */
export type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Control characters but line breaks and tabs (which messages and stacks keep) are shown as
// escapes: an ANSI sequence in a scenario name must not reach whoever saves or cats the page.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text escaped for HTML element content and quoted attribute values alike. */
export const escapeHtml = (text: string): string =>
  text
    .replace(/[&<>"']/g, (char) => ENTITIES[char]!)
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Tagged template that escapes every interpolated value unless it is SafeHtml, so the renderer
 * cannot forget to escape: a value gets into the page as markup only by passing through here.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  return new SafeHtml(
    strings.reduce((out, chunk, i) => out + chunk + (i < values.length ? fragment(values[i]) : ''), ''),
  );
}

/** Trusted markup written by the renderer itself (never data from a run). */
export const rawHtml = (markup: string): SafeHtml => new SafeHtml(markup);

function fragment(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  return escapeHtml(String(value));
}
