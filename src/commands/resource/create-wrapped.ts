// resource create ... clone | promotable | --group | bundle: the new primitive wrapped at once.
import type { CommandContext } from "../../cli/route-types.js";
import { fail } from "../../report/index.js";
import type { CreateParts } from "./create-args.js";

export interface WrappedRequest {
  id: string;
  agentText: string;
  parts: CreateParts;
}

export async function createWrapped(_ctx: CommandContext, _request: WrappedRequest): Promise<void> {
  fail("GENERIC", { text: "creating a resource inside a clone, group or bundle is not supported yet" });
}
