// XML 1.0 forbids most C0 controls (assertion messages carry ANSI colour escapes) and lone
// surrogates; they are replaced rather than dropped so a reader sees something was there.
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANSI_ESCAPE = /\u001B\[[0-9;]*[A-Za-z]/g;

/** Text safe inside an XML element. */
export const xmlText = (text: string): string =>
  text
    .replace(ANSI_ESCAPE, '')
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** Text safe inside a double-quoted XML attribute, line breaks kept as character references. */
export const xmlAttr = (text: string): string =>
  xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
