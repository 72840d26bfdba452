// ISO 8601 dates as Pacemaker's `iso8601 -d` accepts them (lenient about what follows a valid date).

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

function validDate(text: string): { ok: boolean; rest: string } {
  let m = /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return { ok: mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo), rest: text.slice(m[0].length) };
  }
  m = /^(\d+)-W(\d+)-(\d+)/.exec(text);
  if (m) return { ok: Number(m[2]) >= 1 && Number(m[2]) <= 53 && Number(m[3]) >= 1 && Number(m[3]) <= 7, rest: text.slice(m[0].length) };
  m = /^(\d+)-(\d+)-(\d+)/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return { ok: mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo), rest: text.slice(m[0].length) };
  }
  m = /^(\d+)-(\d+)/.exec(text);
  if (m) {
    const yd = Number(m[2]);
    return { ok: yd >= 1 && yd <= (isLeap(Number(m[1])) ? 366 : 365), rest: text.slice(m[0].length) };
  }
  return { ok: false, rest: text };
}

/** Whether Pacemaker reads `text` as a date (with an optional time of day). */
export function isIso8601Date(text: string): boolean {
  const { ok, rest } = validDate(text.trim());
  if (!ok) return false;
  const time = /^[T ]\s*(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?/.exec(rest);
  if (!time) return true;
  const [h, mi, s] = [Number(time[1]), Number(time[2] ?? 0), Number(time[3] ?? 0)];
  if (h > 24 || mi > 59 || s > 60) return false;
  return h < 24 || (mi === 0 && s === 0);
}
