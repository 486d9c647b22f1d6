/**
 * Splits a command line into words the way a POSIX shell does (quotes, backslashes,
 * backslash-newline continuations, `#` comments), remembering where each word started.
 */
export interface ShellWord {
  text: string;
  line: number;
  column: number;
  endLine: number;
}

export interface ShellSplit {
  words: ShellWord[];
  /** An unterminated quote, if any (where it was opened). */
  error?: { line: number; column: number; message: string };
}

export function splitShellWords(input: string): ShellSplit {
  const words: ShellWord[] = [];
  let line = 1;
  let column = 1;
  let i = 0;
  let current: ShellWord | undefined;
  const advance = (n = 1) => {
    for (let k = 0; k < n; k++) {
      if (input[i] === '\n') {
        line++;
        column = 1;
      } else column++;
      i++;
    }
  };
  const start = () => {
    current ??= { text: '', line, column, endLine: line };
    return current;
  };
  const end = () => {
    if (current) {
      words.push(current);
      current = undefined;
    }
  };
  while (i < input.length) {
    const c = input[i];
    if (c === '\\' && (input[i + 1] === '\n' || (input[i + 1] === '\r' && input[i + 2] === '\n'))) {
      advance(input[i + 1] === '\r' ? 3 : 2);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      end();
      advance();
      continue;
    }
    if (c === '#' && !current) {
      while (i < input.length && input[i] !== '\n') advance();
      continue;
    }
    const w = start();
    if (c === '\\') {
      advance();
      if (i < input.length) {
        w.text += input[i];
        advance();
      }
    } else if (c === "'") {
      const openLine = line;
      const openColumn = column;
      advance();
      while (i < input.length && input[i] !== "'") {
        w.text += input[i];
        advance();
      }
      if (i >= input.length) {
        return {
          words,
          error: {
            line: openLine,
            column: openColumn,
            message: "unexpected EOF while looking for matching `''",
          },
        };
      }
      advance();
    } else if (c === '"') {
      const openLine = line;
      const openColumn = column;
      advance();
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && '"\\$`\n'.includes(input[i + 1] ?? '')) {
          advance();
          if (input[i] !== '\n') w.text += input[i];
          advance();
          continue;
        }
        w.text += input[i];
        advance();
      }
      if (i >= input.length) {
        return {
          words,
          error: {
            line: openLine,
            column: openColumn,
            message: 'unexpected EOF while looking for matching `"\'',
          },
        };
      }
      advance();
    } else {
      w.text += c;
      advance();
    }
    w.endLine = line;
  }
  end();
  return { words };
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
