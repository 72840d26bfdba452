// Messages of the scheduler area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const scheduler = {
  SIMULATE_INVALID_TIME: (p: { value: string }) => `Invalid time '${p.value}': use an ISO 8601 date and time`,
  SIMULATE_TOO_MANY_ARGUMENTS: () => "simulate takes no arguments",
  SIMULATE_CANNOT_WRITE_GRAPH: (p: { file: string; reason: string }) => `Unable to write the transition graph to '${p.file}': ${p.reason}`,
};
