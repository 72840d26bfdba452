// `crm_ticket --details` (what pcs status --full shows under "Tickets:"): the tickets of the status
// section with their state, in the order Pacemaker's hash tables give them.
import { childElements, type XmlElement } from "../cib/xml.js";
import { glibIterationOrder } from "./glib-hash-order.js";
import { epochText } from "../cib/ctime.js";

const isTrue = (v: string | undefined): boolean => v !== undefined && /^(true|on|yes|y|1)$/i.test(v.trim());

/** asctime() of local time, quoted: "'Sun Dec  6 22:23:19 2026'". */
const quotedDate = (seconds: number): string => `'${epochText(seconds)}'`;

interface Ticket {
  state: Map<string, string>;
}

function ticketsOf(cib: XmlElement): Map<string, Ticket> {
  const tickets = new Map<string, Ticket>();
  const status = childElements(cib, "status")[0];
  for (const group of status ? childElements(status, "tickets") : []) {
    for (const t of childElements(group, "ticket_state")) {
      const id = t.attrs.id;
      if (!id) continue;
      const ticket = tickets.get(id) ?? { state: new Map<string, string>() };
      for (const [name, value] of Object.entries(t.attrs)) if (name !== "id") ticket.state.set(name, value);
      tickets.set(id, ticket);
    }
  }
  return tickets;
}

/** A number as crm_parse_ll reads it (leading digits), or the fallback. */
const leadingInteger = (v: string | undefined, fallback: number): number => {
  const m = /^\s*([+-]?\d+)/.exec(v ?? "");
  return m ? Number(m[1]) : fallback;
};

function ticketLine(id: string, ticket: Ticket): string {
  const state = ticket.state;
  let line = `${id}\t${isTrue(state.get("granted")) ? "granted" : "revoked"} ${isTrue(state.get("standby")) ? "[standby]" : "         "}`;
  if (state.size) {
    const pairs = glibIterationOrder(state.keys()).map((name) => {
      const value = state.get(name)!;
      return `${name}=${name === "last-granted" || name === "expires" ? quotedDate(leadingInteger(value, 0)) : value}`;
    });
    return `${line} (${pairs.join(", ")})`;
  }
  const lastGranted = leadingInteger(state.get("last-granted"), -1);
  if (lastGranted > -1) line += ` last-granted=${quotedDate(lastGranted)}`;
  return line;
}

/** One line per ticket, as crm_ticket --details prints them. */
export function ticketDetailLines(cib: XmlElement): string[] {
  const tickets = ticketsOf(cib);
  return glibIterationOrder(tickets.keys()).map((id) => ticketLine(id, tickets.get(id)!));
}

/** The tickets as crm_mon's XML lists them: granted, standby and the last grant (when known). */
export function ticketStates(cib: XmlElement): { id: string; granted: boolean; standby: boolean; lastGranted?: string }[] {
  const tickets = ticketsOf(cib);
  return glibIterationOrder(tickets.keys()).map((id) => {
    const state = tickets.get(id)!.state;
    const last = leadingInteger(state.get("last-granted"), -1);
    return { id, granted: isTrue(state.get("granted")), standby: isTrue(state.get("standby")), lastGranted: last > -1 ? epochText(last) : undefined };
  });
}
