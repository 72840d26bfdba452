// ISO 8601 date-times as Pacemaker accepts them: calendar (2005-01-20), ordinal (2005-020) and week
// (2005-W03-4) dates, optional time (T11:30[:00]) and offset (Z, +02:00). Result in ms since the epoch, UTC.
export function parseIsoTime(text: string): number | undefined {
  const m = /^\s*(\d{4})(?:-?(W\d{2}(?:-?\d)?|\d{3}|\d{2}(?:-?\d{2})?))?(?:[T ](\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  let day = Date.UTC(year, 0, 1);
  const d = m[2];
  if (d) {
    if (d.startsWith("W")) {
      const week = Number(d.slice(1, 3));
      const wd = d.length > 3 ? Number(d.slice(-1)) : 1;
      const jan4 = new Date(Date.UTC(year, 0, 4));
      const jan4wd = jan4.getUTCDay() || 7;
      day = Date.UTC(year, 0, 4 - jan4wd + 1) + ((week - 1) * 7 + (wd - 1)) * 86400000;
    } else if (d.length === 3) day = Date.UTC(year, 0, 1) + (Number(d) - 1) * 86400000;
    else {
      const digits = d.replace("-", "");
      day = Date.UTC(year, Number(digits.slice(0, 2)) - 1, digits.length > 2 ? Number(digits.slice(2)) : 1);
    }
  }
  let ms = day + (Number(m[3] ?? 0) * 3600 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 1000;
  const off = m[6];
  if (off && off !== "Z") {
    const sign = off[0] === "-" ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || 0) * 60) * 1000;
  }
  return ms;
}
