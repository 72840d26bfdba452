import type { CommandContext, Handler } from "./route-types.js";

/** A handler whose module is imported only when the command runs (keeps start-up small). */
export const lazy =
  <M>(load: () => Promise<M>, pick: (module: M) => Handler): Handler =>
  async (ctx: CommandContext) =>
    pick(await load())(ctx);
