// The order Pacemaker's hash tables (GLib 2.74 GHashTable with pcmk__str_hash) give their keys in:
// crm_ticket lists tickets and their state so. Expected orders were taken from GLib itself (the
// library called through ctypes with Pacemaker's hash), including tables that grew past 8 buckets.
import { glibIterationOrder, pcmkStrHash } from "../../src/status/glib-hash-order";

const FROM_GLIB: [string[], string[]][] = [
  [["granted", "last-granted"], ["granted", "last-granted"]],
  [["granted", "last-granted", "standby", "expires", "owner"], ["granted", "standby", "last-granted", "expires", "owner"]],
  [["T1", "T2", "T3"], ["T1", "T3", "T2"]],
  [
    ["ticketA", "ticketB", "ticketC", "ticketD", "ticketE", "ticketF", "ticketG", "ticketH", "ticketI"],
    ["ticketF", "ticketE", "ticketD", "ticketC", "ticketI", "ticketB", "ticketH", "ticketA", "ticketG"],
  ],
  [
    ["8215ml53l", "1tj", "7cz", "ka6edcmpb", "u1m6os4af", "r-8fquo5s", "e9", "zgs", "ebannd3y", "-e9mrvft", "a-hipga", "24"],
    ["1tj", "8215ml53l", "a-hipga", "u1m6os4af", "ka6edcmpb", "e9", "7cz", "r-8fquo5s", "ebannd3y", "zgs", "-e9mrvft", "24"],
  ],
  [
    ["8m15", "i-yhz", "nartbnlz", "cjn", "qavsyeefn", "axx2i", "9iyljtopm", "8my3", "-dg", "c5q", "zq-4s", "leio38ernn", "er", "1pdclsx6", "fxi1"].concat(
      ["6icb3wt", "be", "etuiee17x", "iv", "f3e-b49", "yy", "ef", "hq-", "y2127f6", "btf3boh44q", "xt", "m6kv", "4puzqm0mn", "ounii4wc", "rkh"],
    ),
    ["leio38ernn", "cjn", "hq-", "8my3", "c5q", "xt", "ef", "yy", "axx2i", "i-yhz", "etuiee17x", "btf3boh44q", "6icb3wt", "fxi1", "er"].concat(
      ["y2127f6", "m6kv", "-dg", "nartbnlz", "ounii4wc", "4puzqm0mn", "rkh", "9iyljtopm", "8m15", "zq-4s", "be", "iv", "qavsyeefn", "1pdclsx6", "f3e-b49"],
    ),
  ],
  [["ünïcode", "plain", "ζ"], ["plain", "ünïcode", "ζ"]],
];

test("keys come out in GLib's order, across table growth", () => {
  for (const [inserted, iterated] of FROM_GLIB) expect(glibIterationOrder(inserted)).toEqual(iterated);
});

test("Pacemaker's string hash: h * 31 + c over signed bytes, 32 bits", () => {
  expect(pcmkStrHash("")).toBe(0);
  expect(pcmkStrHash("a")).toBe(97);
  expect(pcmkStrHash("ab")).toBe(97 * 31 + 98);
  // a byte above 127 counts as negative (signed char)
  expect(pcmkStrHash("\u00e9")).toBe(((0xc3 - 256) * 31 + (0xa9 - 256)) >>> 0);
  expect(pcmkStrHash("x".repeat(20))).toBeLessThan(2 ** 32);
});

test("a key inserted twice is kept once", () => {
  expect(glibIterationOrder(["T1", "T2", "T1"])).toEqual(["T1", "T2"]);
});
