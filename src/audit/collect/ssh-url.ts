import { badInput } from '../../errors';

/** A device to collect from: `ssh://USER@HOST[:PORT]`. */
export interface SshTarget {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  /** `USER@HOST[:PORT]`, as messages and reports name the device (never a secret). */
  readonly label: string;
}

/** Whether a `--gateway` value is an SSH URL rather than a file. */
export const isSshUrl = (value: string): boolean => /^ssh:\/\//i.test(value);

/** Parses `ssh://USER@HOST[:PORT]`; a password in the URL is refused, as is any path or query. */
export function parseSshUrl(value: string): SshTarget {
  // The value is shown without whatever sits between "user:" and "@": it may be a password.
  const shown = JSON.stringify(value.slice(0, 100).replace(/^(ssh:\/\/[^@/:]*:)[^@/]*@/i, '$1***@'));
  const fail = (why: string) => badInput(`--gateway ${shown}: ${why}; expected ssh://USER@HOST[:PORT]`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail('not a URL');
  }
  if (url.password !== '' || /^ssh:\/\/[^@/]*:[^@/]*@/i.test(value))
    throw fail('a password never goes in the URL (set FORTIGATE_SSH_PASSWORD)');
  if (url.username === '') throw fail('no user');
  if (url.hostname === '') throw fail('no host');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '')
    throw fail('no path, query or fragment is read');
  const port = url.port === '' ? 22 : Number(url.port);
  const user = decodeURIComponent(url.username);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { user, host, port, label: `${user}@${url.hostname}${port === 22 ? '' : `:${port}`}` };
}
