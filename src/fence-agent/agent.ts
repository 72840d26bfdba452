// fence_pcslite's actions on parsed options, with fence-agents' exit codes (0 = success or on,
// 1 = error, 2 = off) and messages ("Success: Powered OFF", "Status: ON", ...).
import { version } from "../../package.json";
import { metadataXml, PARAMETERS } from "./metadata.js";
import { checkStateRoot, FenceError, listNodes, nodeTarget, powerOff, powerOn, powerStatus, type NodeTarget } from "./node.js";
import { readOptions, type FenceOptions } from "./options.js";
import { sleep } from "./processes.js";

export const NAME = "fence_pcslite";

export const EXIT = { OK: 0, ERROR: 1, OFF: 2 } as const;

export interface Output {
  out(line: string): void;
  warn(line: string): void;
  debug(line: string): void;
}

function usage(): string {
  const lines = ["Usage:", `\t${NAME} [options]`, "Options:"];
  for (const p of PARAMETERS) if (p.name !== "port") lines.push(`   ${p.getopt.padEnd(32)}${p.shortdesc}`);
  return lines.join("\n") + "\n";
}

async function off(target: NodeTarget, o: FenceOptions, io: Output): Promise<void> {
  const { killed } = await powerOff(target, o.powerTimeoutSeconds * 1000);
  io.debug(`killed ${killed.length ? killed.join(" ") : "nothing"} for ${target.plug}`);
}

async function on(target: NodeTarget, o: FenceOptions): Promise<"started" | "already"> {
  if (powerStatus(target) === "on") return "already";
  if (!o.restart) throw new FenceError(`Failed: restart is false: not starting ${target.plug}`);
  return powerOn(target, o.powerTimeoutSeconds * 1000);
}

async function act(o: FenceOptions, io: Output): Promise<number> {
  const action = o.action.toLowerCase();
  switch (action) {
    case "metadata":
    case "meta-data":
      io.out(metadataXml(NAME));
      return EXIT.OK;
    case "monitor":
      checkStateRoot(o.stateRoot);
      return EXIT.OK;
    case "list":
      for (const node of listNodes(checkStateRoot(o.stateRoot))) io.out(`${node},\n`);
      return EXIT.OK;
    case "validate-all":
      checkStateRoot(o.stateRoot);
      if (o.plug) nodeTarget(o.stateRoot, o.plug);
      return EXIT.OK;
    case "status": {
      const status = powerStatus(nodeTarget(o.stateRoot, o.plug));
      io.out(`Status: ${status.toUpperCase()}\n`);
      return status === "on" ? EXIT.OK : EXIT.OFF;
    }
    case "off": {
      const target = nodeTarget(o.stateRoot, o.plug);
      const was = powerStatus(target);
      if (o.delaySeconds > 0) await sleep(o.delaySeconds * 1000);
      // an agent already off may have left resource agents behind: off cleans them up either way
      await off(target, o, io);
      io.out(was === "off" ? "Success: Already OFF\n" : "Success: Powered OFF\n");
      return EXIT.OK;
    }
    case "on": {
      const result = await on(nodeTarget(o.stateRoot, o.plug), o);
      io.out(result === "already" ? "Success: Already ON\n" : "Success: Powered ON\n");
      return EXIT.OK;
    }
    case "reboot": {
      const target = nodeTarget(o.stateRoot, o.plug);
      if (o.delaySeconds > 0) await sleep(o.delaySeconds * 1000);
      await off(target, o, io);
      // as fencing.py: once the node is off it is fenced, whatever happens when powering it on
      if (o.restart) {
        try {
          await on(target, o);
        } catch (e) {
          io.warn(`ERROR: ${(e as Error).message}`);
        }
      }
      io.out("Success: Rebooted\n");
      return EXIT.OK;
    }
    default:
      throw new FenceError(`Failed: Unrecognised action '${o.action}'`);
  }
}

export async function runFenceAgent(argv: string[], stdin: NodeJS.ReadableStream, io: Output & { error(line: string): void }): Promise<number> {
  const parsed = await readOptions(argv, stdin);
  const o = parsed.options;
  const quietIo: Output = { out: io.out, warn: o.quiet ? () => undefined : io.warn, debug: o.verbose ? io.debug : () => undefined };
  for (const w of parsed.warnings) quietIo.warn(`WARNING: ${w}`);
  if (parsed.error) {
    io.error(`ERROR: ${parsed.error}`);
    io.error("ERROR: Please use '-h' for usage");
    return EXIT.ERROR;
  }
  if (o.help) {
    io.out(usage());
    return EXIT.OK;
  }
  if (o.version) {
    io.out(`${version}\n`);
    return EXIT.OK;
  }
  try {
    return await act(o, quietIo);
  } catch (e) {
    if (!(e instanceof FenceError)) throw e;
    io.error(`ERROR: ${e.message}`);
    return EXIT.ERROR;
  }
}
