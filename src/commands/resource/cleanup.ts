// pcs resource|stonith cleanup / refresh, and the 0.9 form `resource failcount reset`: pcs runs
// crm_resource --cleanup / --refresh and prints its output on stderr; here the same change goes into the
// status section as one CIB patch, after which the DC probes what lost its history.
import type { CommandContext } from "../context.js";
import { error, forceableError, quoteList, ReportedError } from "../../report/index.js";
import { cmdlineError, prepareOptions } from "./create-args.js";
import { refuseCibFile } from "./no-file.js";
import { cleanupStatus, refreshOperationCount, replyLines, type CleanupRequest, type CleanupResult } from "./status-cleanup.js";

/** pcs's refresh refuses, without --force, to touch more than this many resource-node pairs at once. */
const REFRESH_OPERATION_THRESHOLD = 100;

function parse(ctx: CommandContext, allowed: string[]): { resource?: string; options: Record<string, string> } {
  const args = [...ctx.args];
  const resource = args.length && !args[0].includes("=") ? args.shift() : undefined;
  const options = prepareOptions(args);
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k)).sort();
  if (unknown.length) {
    cmdlineError(`Unknown option${unknown.length > 1 ? "s" : ""} '${unknown.join("', '")}'`);
  }
  return { resource, options };
}

/** crm_resource's message for what it could not find, as pcs wraps it. */
function notFound(result: Extract<CleanupResult, { ok: false }>, request: CleanupRequest): string {
  if (result.problem === "node-not-found") return `crm_resource: Node '${request.node}' not found\nError performing operation: No such object`;
  return `crm_resource: Resource '${request.resource}' not found\nError performing operation: No such object`;
}

function failureText(request: CleanupRequest, reason: string): string {
  if (request.refresh) {
    return request.resource ? `Unable to delete history of resource: ${request.resource}\n${reason}` : `Unable to delete history of resources\n${reason}`;
  }
  return request.resource ? `Unable to forget failed operations of resource: ${request.resource}\n${reason}` : `Unable to forget failed operations of resources\n${reason}`;
}

async function run(ctx: CommandContext, request: CleanupRequest): Promise<void> {
  const env = await ctx.env();
  const result = await env.editCib((cib) => {
    if (request.refresh && !ctx.force && !request.node && !request.resource && refreshOperationCount(cib) > REFRESH_OPERATION_THRESHOLD) {
      throw new ReportedError(
        [
          forceableError("GENERIC", {
            text:
              `Deleting history of all resources on all nodes will execute more than ${REFRESH_OPERATION_THRESHOLD} operations in the ` +
              "cluster, which may negatively impact the responsiveness of the cluster. Consider specifying resource and/or node",
          }),
        ],
        false,
      );
    }
    return cleanupStatus(cib, request);
  }, ctx.reports);
  if (!result.ok) throw new ReportedError([error("GENERIC", { text: failureText(request, notFound(result, request)) })], false);
  const lines = [...result.lines, ...replyLines(result.replies)];
  // pcs prints crm_resource's report of what it did on stderr
  if (lines.length) process.stderr.write(`${lines.join("\n")}\n`);
}

export async function cleanupCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  const { resource, options } = parse(ctx, ["node", "operation", "interval"]);
  await run(ctx, { resource, ...options, strict: ctx.has("--strict"), refresh: false });
}

export async function refreshCommand(ctx: CommandContext): Promise<void> {
  if (ctx.has("--full")) {
    // pcs points users of the 0.10 syntax (refresh --full) at its man page
    const unsupported = [...ctx.options.keys()].filter((o) => o === "--full" || o === "-f").sort();
    const many = unsupported.length > 1;
    process.stderr.write(
      `Error: Specified option${many ? "s" : ""} ${quoteList(unsupported)} ${many ? "are" : "is"} not supported in this command\n` +
        "Hint: Syntax has changed from previous version. See 'man pcs' -> Changes in pcs-0.11.\n",
    );
    throw new ReportedError([], false);
  }
  refuseCibFile(ctx);
  const { resource, options } = parse(ctx, ["node"]);
  await run(ctx, { resource, node: options.node, strict: ctx.has("--strict"), refresh: true });
}
