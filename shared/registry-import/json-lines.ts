/**
 * The line each record of a registry JSON file starts on, as `units[0]` → 3: JSON.parse keeps no positions,
 * and people fixing a file need the line. Walks the text once, tracking strings and nesting.
 */
export function recordLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let depth = 0;
  let inString = false;
  let lastString = '';
  let current = '';
  let arrayKey: string | undefined;
  let index = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') line++;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      else current += char;
      if (!inString) lastString = current;
      continue;
    }
    if (char === '"') {
      inString = true;
      current = '';
    } else if (char === '{' || char === '[') {
      if (depth === 1 && char === '[') {
        arrayKey = lastString;
        index = -1;
      } else if (depth === 2 && arrayKey !== undefined) {
        index++;
        lines.set(`${arrayKey}[${index}]`, line);
      }
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 1) arrayKey = undefined;
    }
  }
  return lines;
}

/** The line of the character at `position`. */
export function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
