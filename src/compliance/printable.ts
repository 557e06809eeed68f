/**
 * Text from a run or a policy made safe to print on a terminal or in a log: every control
 * character (C0 including newline, DEL, C1 — ESC starts the sequences that recolour, move the
 * cursor or rewrite a line) is shown as an escape, so a name or a waiver can never forge a
 * line such as "compliant". Printable text is unchanged.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\t'
        ? '\\t'
        : c === '\r'
          ? '\\r'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
