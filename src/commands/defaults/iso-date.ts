// ISO 8601 dates as pcs reads the dates of defaults rules (python-dateutil's strict isoparse): calendar
// (YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD), week (YYYY-Www[-D]) and ordinal (YYYY-DDD) dates, then after any
// one separator character a time (hh[:mm[:ss[.fff]]] with an optional Z or +-hh[:mm] zone).

/** Python's int() of a short slice: optional sign and surrounding spaces, digits (with _ between). */
function pyInt(text: string): number | undefined {
  return /^\s*[+-]?\d+(_\d+)*\s*$/.test(text) ? Number(text.replace(/_/g, "")) : undefined;
}

class Invalid extends Error {}
const need = (value: number | undefined): number => {
  if (value === undefined) throw new Invalid();
  return value;
};
const check = (ok: boolean): void => {
  if (!ok) throw new Invalid();
};

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

type DateResult = { y: number; m: number; d: number; pos: number };

function commonDate(s: string): DateResult {
  check(s.length >= 4);
  const y = need(pyInt(s.slice(0, 4)));
  let pos = 4;
  if (pos >= s.length) return { y, m: 1, d: 1, pos };
  const sep = s[pos] === "-";
  if (sep) pos++;
  check(s.length - pos >= 2);
  const m = need(pyInt(s.slice(pos, pos + 2)));
  pos += 2;
  if (pos >= s.length) {
    check(sep);
    return { y, m, d: 1, pos };
  }
  if (sep) {
    check(s[pos] === "-");
    pos++;
  }
  check(s.length - pos >= 2);
  const d = need(pyInt(s.slice(pos, pos + 2)));
  return { y, m, d, pos: pos + 2 };
}

function fromDayOfYear(y: number, day: number): { y: number; m: number; d: number } {
  const date = new Date(Date.UTC(y, 0, 1) + (day - 1) * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function uncommonDate(s: string): DateResult {
  check(s.length >= 4);
  const y = need(pyInt(s.slice(0, 4)));
  const sep = s[4] === "-";
  let pos = sep ? 5 : 4;
  if (s[pos] === "W") {
    pos++;
    const week = need(pyInt(s.slice(pos, pos + 2)));
    pos += 2;
    let day = 1;
    if (s.length > pos) {
      check((s[pos] === "-") === sep);
      if (sep) pos++;
      day = need(pyInt(s.slice(pos, pos + 1)));
      pos++;
    }
    check(week > 0 && week < 54 && day > 0 && day < 8);
    // ISO week 1 holds January 4th; weeks start on Monday
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const week1Monday = Date.UTC(y, 0, 4) - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
    const date = new Date(week1Monday + ((week - 1) * 7 + day - 1) * 86_400_000);
    return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), pos };
  }
  check(s.length - pos >= 3);
  const ordinal = need(pyInt(s.slice(pos, pos + 3)));
  check(ordinal >= 1 && ordinal <= 365 + (isLeap(y) ? 1 : 0));
  return { ...fromDayOfYear(y, ordinal), pos: pos + 3 };
}

function timeZoneOffsetMinutes(tz: string): number {
  if (tz === "Z" || tz === "z") return 0;
  check([3, 5, 6].includes(tz.length) && (tz[0] === "-" || tz[0] === "+"));
  const hours = need(pyInt(tz.slice(1, 3)));
  const minutes = tz.length === 3 ? 0 : need(pyInt(tz.slice(tz[3] === ":" ? 4 : 3)));
  check(hours <= 23 && minutes <= 59);
  return (tz[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function time(s: string): { h: number; mi: number; sec: number; ms: number; tz: number } {
  check(s.length >= 2);
  const parts = [0, 0, 0, 0];
  let tz = 0;
  let pos = 0;
  let comp = -1;
  let colon = false;
  while (pos < s.length && comp < 5) {
    comp++;
    if ("-+Zz".includes(s[pos])) {
      tz = timeZoneOffsetMinutes(s.slice(pos));
      pos = s.length;
      break;
    }
    if (comp === 1 && s[pos] === ":") {
      colon = true;
      pos++;
    } else if (comp === 2 && colon) {
      check(s[pos] === ":");
      pos++;
    }
    if (comp < 3) {
      parts[comp] = need(pyInt(s.slice(pos, pos + 2)));
      pos += 2;
    } else if (comp === 3) {
      const fraction = /^[.,]([0-9]+)/.exec(s.slice(pos));
      if (!fraction) continue;
      parts[3] = Number(`0.${fraction[1].slice(0, 6)}`) * 1000;
      pos += fraction[0].length;
    }
  }
  check(pos >= s.length);
  const [h, mi, sec, ms] = parts;
  if (h === 24) check(mi === 0 && sec === 0 && ms === 0);
  else check(h >= 0 && h <= 23);
  check(mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59);
  return { h, mi, sec, ms, tz };
}

/** Milliseconds since the epoch (a date without zone read as UTC), undefined when not an ISO 8601 date. */
export function isoDateTime(text: string): number | undefined {
  try {
    let date: DateResult;
    try {
      date = commonDate(text);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      date = uncommonDate(text);
    }
    check(date.y >= 1 && date.m >= 1 && date.m <= 12 && date.d >= 1 && date.d <= daysInMonth(date.y, date.m));
    const t = date.pos < text.length ? time(text.slice(date.pos + 1)) : { h: 0, mi: 0, sec: 0, ms: 0, tz: 0 };
    return Date.UTC(date.y, date.m - 1, date.d, t.h, t.mi - t.tz, t.sec, t.ms);
  } catch (e) {
    if (e instanceof Invalid) return undefined;
    throw e;
  }
}
