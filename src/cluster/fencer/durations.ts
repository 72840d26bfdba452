// Durations as Pacemaker reads them in fencing options (crm_parse_interval_spec): a number with an
// optional unit (plain numbers are seconds) or an ISO 8601 duration such as PT1M30S.

const UNIT_MS: Record<string, number> = {
  "": 1000,
  s: 1000,
  sec: 1000,
  ms: 1,
  msec: 1,
  us: 0.001,
  usec: 0.001,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
};

const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds, or undefined when the text is not a duration. */
export function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim();
  const plain = /^(\d+)\s*([a-z]*)$/i.exec(value);
  if (plain) {
    const unit = UNIT_MS[plain[2].toLowerCase()];
    return unit === undefined ? undefined : Math.round(Number(plain[1]) * unit);
  }
  const iso = ISO.exec(value);
  if (iso && value.length > 1 && value.toUpperCase() !== "PT") {
    const [, d, h, m, s] = iso;
    return Math.round(((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000);
  }
  return undefined;
}

/** A whole number option (pcmk_*_retries, priority): what atoi would read, or the default. */
export function integerOption(text: string | undefined, fallback: number): number {
  const match = /^\s*([-+]?\d+)/.exec(text ?? "");
  return match ? Number(match[1]) : fallback;
}
