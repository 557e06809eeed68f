/**
 * The 1-based line on which each element of a top-level JSON array starts. JSON.parse keeps no
 * positions, and auditors need file:line for every finding; the text must already be valid JSON.
 */
export function jsonElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\n') line += 1;
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
    if (depth === 1 && expecting && char !== ']') {
      lines.push(line);
      expecting = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') expecting = ++depth === 1;
    else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) expecting = true;
  }
  return lines;
}
