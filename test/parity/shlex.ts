// Python's shlex.split(line) (POSIX mode, whitespace_split, no comments): scenarios are split as
// pcs-parity splits them when it records goldens, so a '#' inside a line stays a word.
const WHITESPACE = " \t\r\n";
const QUOTES = "'\"";
const ESCAPE = "\\";
const ESCAPED_QUOTES = '"';

/** Python's ValueError from shlex; `message` is Python's text. */
export class ShlexError extends Error {}

export function shlexSplit(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let quoted = false;
  // " " between words, "a" in a word, a quote character inside quotes, "\\" after a backslash
  let state = " ";
  let escapedState = "a";
  const finishWord = () => {
    if (word || quoted) words.push(word);
    word = "";
    quoted = false;
  };
  for (const ch of line) {
    if (state === " " || state === "a") {
      if (WHITESPACE.includes(ch)) {
        if (state === "a") finishWord();
        state = " ";
      } else if (QUOTES.includes(ch)) {
        state = ch;
      } else if (ch === ESCAPE) {
        escapedState = "a";
        state = ch;
      } else {
        word += ch;
        state = "a";
      }
    } else if (state === ESCAPE) {
      if (QUOTES.includes(escapedState) && ch !== ESCAPE && ch !== escapedState) word += ESCAPE;
      word += ch;
      state = escapedState;
    } else {
      quoted = true;
      if (ch === state) {
        state = "a";
      } else if (ch === ESCAPE && ESCAPED_QUOTES.includes(state)) {
        escapedState = state;
        state = ch;
      } else {
        word += ch;
      }
    }
  }
  if (state === ESCAPE) throw new ShlexError("No escaped character");
  if (QUOTES.includes(state)) throw new ShlexError("No closing quotation");
  if (state === "a") finishWord();
  return words;
}
