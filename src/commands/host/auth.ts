// pcs host auth / deauth: trust a node's SSH host key (pinned by fingerprint) and install our
// client key there, using the hacluster password once.
import { createInterface } from "node:readline";
import type { CommandContext } from "../context.js";
import { error, fail } from "../../report/index.js";
import { connect } from "../../transport/client.js";
import { parseAddress, readKnownHosts, writeKnownHosts, type KnownHost } from "../../transport/config-dir.js";
import { clientKey } from "../../transport/keys.js";
import { describeFailure, timeoutFrom } from "../../transport/nodes.js";
import { TransportError } from "../../transport/client.js";
import { UsageError, withUsage } from "../cluster/usage.js";

interface HostSpec {
  name: string;
  host: string;
  port: number;
}

function parseHosts(args: string[]): HostSpec[] {
  const usage = (): never => {
    throw new UsageError();
  };
  if (!args.length) usage();
  const specs: HostSpec[] = [];
  for (const arg of args) {
    if (arg.startsWith("addr=")) {
      const last = specs[specs.length - 1];
      if (!last || last.host !== "") usage();
      const address = parseAddress(arg.slice(5));
      if (!address) fail("HOST_INVALID_ADDRESS", { address: arg.slice(5) });
      last.host = address.host;
      last.port = address.port;
      continue;
    }
    if (arg.includes("=")) usage();
    specs.push({ name: arg, host: "", port: 0 });
  }
  const known = readKnownHosts();
  for (const s of specs) {
    if (s.host === "") {
      const address = known[s.name] ? { host: known[s.name].host, port: known[s.name].port } : parseAddress(s.name);
      if (!address) fail("HOST_INVALID_ADDRESS", { address: s.name });
      s.host = address.host;
      s.port = address.port;
    }
  }
  return specs;
}

function prompt(question: string, hidden: boolean): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (hidden) {
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(question)) write.call(rl, question);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write("\n");
      resolve(answer);
    });
  });
}

export async function hostAuthCommand(ctx: CommandContext): Promise<void> {
  const specs = withUsage(ctx, () => parseHosts(ctx.args));
  let user = ctx.value("-u");
  let password = ctx.value("-p");
  const tty = process.stdin.isTTY === true;
  if (user === undefined) user = tty ? await prompt("Username: ", false) : "hacluster";
  if (password === undefined) {
    if (!tty) fail("HOST_AUTH_USAGE", { text: "Password not specified, use -p <password> or run the command on a terminal" });
    password = await prompt("Password: ", true);
  }
  const timeoutMs = timeoutFrom(ctx.value("--request-timeout") ? Number(ctx.value("--request-timeout")) : undefined);
  const key = clientKey();
  const known = readKnownHosts();
  const results = await Promise.all(
    specs.map(async (spec) => {
      const pinned = known[spec.name]?.host === spec.host && known[spec.name]?.port === spec.port ? known[spec.name] : undefined;
      try {
        const link = await connect({ host: spec.host, port: spec.port, username: user, password, fingerprint: pinned?.fingerprint, timeoutMs });
        try {
          await link.call("auth", { publicKey: key.public }, timeoutMs);
        } finally {
          link.close();
        }
        return { spec, fingerprint: link.fingerprint };
      } catch (e) {
        if (e instanceof TransportError && e.kind === "auth") return { spec, report: error("HOST_AUTH_BAD_CREDENTIALS", { node: spec.name }) };
        return { spec, report: describeFailure(spec.name, e, pinned) };
      }
    }),
  );
  const updated: Record<string, KnownHost> = { ...readKnownHosts() };
  for (const r of results) {
    if (r.report) {
      ctx.reports.add(r.report);
      continue;
    }
    updated[r.spec.name] = { host: r.spec.host, port: r.spec.port, fingerprint: r.fingerprint };
    ctx.print(`${r.spec.name}: Authorized (host key ${r.fingerprint})`);
  }
  writeKnownHosts(updated);
  ctx.reports.throwIfErrors();
}

export async function hostDeauthCommand(ctx: CommandContext): Promise<void> {
  const known = readKnownHosts();
  if (!ctx.args.length) {
    writeKnownHosts({});
    return;
  }
  const missing = ctx.args.filter((h) => !known[h]);
  if (missing.length) fail("HOSTS_NOT_KNOWN_DEAUTH", { hosts: missing });
  for (const h of ctx.args) delete known[h];
  writeKnownHosts(known);
}
