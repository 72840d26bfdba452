// Score arithmetic: values saturate at +/-INFINITY, and -INFINITY wins over +INFINITY.
import { INFINITY } from "./types.js";

export function parseScore(text: string | undefined, fallback = 0): number {
  if (text === undefined) return fallback;
  const t = text.trim();
  if (/^[+]?(INFINITY|infinity)$/.test(t)) return INFINITY;
  if (/^-(INFINITY|infinity)$/.test(t)) return -INFINITY;
  if (t === "red") return -INFINITY;
  if (t === "yellow" || t === "green") return 0;
  const n = parseInt(t, 10);
  if (Number.isNaN(n)) return fallback;
  return clamp(n);
}

export const clamp = (n: number): number => (n >= INFINITY ? INFINITY : n <= -INFINITY ? -INFINITY : n);

export function addScores(a: number, b: number): number {
  if (a <= -INFINITY || b <= -INFINITY) return -INFINITY;
  if (a >= INFINITY || b >= INFINITY) return INFINITY;
  return clamp(a + b);
}

export function scoreText(n: number): string {
  if (n >= INFINITY) return "INFINITY";
  if (n <= -INFINITY) return "-INFINITY";
  return String(n);
}

/** Pacemaker's interval parsing for meta values such as failure-timeout (seconds). */
export function parseSeconds(text: string | undefined): number {
  if (!text) return 0;
  const m = /^\s*(\d+)\s*(ms|msec|s|sec|m|min|h|hr)?\s*$/.exec(text);
  if (m) {
    const n = Number(m[1]);
    switch (m[2]) {
      case "ms":
      case "msec":
        return n / 1000;
      case "m":
      case "min":
        return n * 60;
      case "h":
      case "hr":
        return n * 3600;
      default:
        return n;
    }
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text.trim());
  if (iso) return Number(iso[1] ?? 0) * 86400 + Number(iso[2] ?? 0) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0);
  return 0;
}

/** crm_is_true: Pacemaker's spelling of a true boolean value. */
export const isTrue = (v: string | undefined): boolean => v !== undefined && /^(true|on|yes|y|1)$/i.test(v.trim());
