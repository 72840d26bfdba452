// Python's textwrap.wrap (what pcs uses to fit agent descriptions to the terminal): greedy
// filling, breaks after hyphens inside words, long words split.

// Python's wordsep_re: whitespace runs, em-dashes, and words split after inner hyphens.
const WORD_SEPARATOR =
  /(\s+|(?<=[\w!"'&.,?])-{2,}(?=\w)|\S+?(?:-(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])|(?=\s|$)|(?<=[\w!"'&.,?])(?=-{2,}\w)))/;

function chunks(text: string): string[] {
  return text.split(WORD_SEPARATOR).filter((c) => c);
}

export function wrap(text: string, width: number, { initialIndent = "", subsequentIndent = "" } = {}): string[] {
  const pending = chunks(text.replace(/\s/g, " ")).reverse();
  const lines: string[] = [];
  while (pending.length) {
    const line: string[] = [];
    let length = 0;
    const indent = lines.length ? subsequentIndent : initialIndent;
    const room = width - indent.length;
    if (pending[pending.length - 1].trim() === "" && lines.length) pending.pop();
    while (pending.length) {
      const size = pending[pending.length - 1].length;
      if (length + size <= room) {
        line.push(pending.pop()!);
        length += size;
      } else break;
    }
    if (pending.length && pending[pending.length - 1].length > room) {
      const spaceLeft = room < 1 ? 1 : room - length;
      const chunk = pending[pending.length - 1];
      let end = spaceLeft;
      if (chunk.length > spaceLeft) {
        const hyphen = chunk.lastIndexOf("-", spaceLeft - 1);
        if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
      }
      line.push(chunk.slice(0, end));
      length += end;
      pending[pending.length - 1] = chunk.slice(end);
      if (!pending[pending.length - 1]) pending.pop();
    }
    if (line.length && line[line.length - 1].trim() === "") {
      length -= line[line.length - 1].length;
      line.pop();
    }
    if (line.length) lines.push(indent + line.join(""));
  }
  return lines;
}

/** The terminal's width as pcs finds it: the tty, else $LINES and $COLUMNS, else 80. */
export function terminalWidth(): number {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const columns = Number(process.env.COLUMNS);
  if (process.env.LINES !== undefined && Number.isFinite(columns) && process.env.COLUMNS) return columns;
  return 80;
}

export const outputIsTerminal = (): boolean => Boolean(process.stdout.isTTY || process.stderr.isTTY);
