import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of UTF-8 text or bytes. */
export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The `sha256sum` line for a file's content, so `sha256sum -c` can check it. */
export const digestLine = (content: string, fileName: string): string => `${sha256(content)}  ${fileName}\n`;
