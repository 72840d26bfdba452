// Times as Pacemaker writes them (ctime's layout, local time): cib-last-written, crm_mon's dates.
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/** ctime()'s layout in local time, as Pacemaker prints epochs: "Tue Nov 14 22:13:20 2023". */
export function epochText(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, " ")} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`;
}
