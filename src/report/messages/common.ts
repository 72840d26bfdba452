// Messages shared by every area. Texts follow pcs 0.11.5's wording.
import { quoteList, typeList } from "../format.js";

export const common = {
  CIB_LOAD_ERROR: (p: { file: string; reason: string }) => `Unable to parse CIB file '${p.file}': ${p.reason}`,
  CIB_FILE_READ_ERROR: (p: { file: string; reason: string }) => `Unable to read CIB file '${p.file}': ${p.reason}`,
  CIB_FILE_WRITE_ERROR: (p: { file: string; reason: string }) => `Unable to write CIB file '${p.file}': ${p.reason}`,
  CIB_FILE_LOCKED: (p: { file: string }) => `CIB file '${p.file}' is locked by another pcs process`,
  CIB_SECTION_MISSING: (p: { section: string }) => `Unable to get '${p.section}' section of cib`,
  ID_ALREADY_EXISTS: (p: { id: string }) => `'${p.id}' already exists`,
  ID_NOT_FOUND: (p: { id: string; expectedTypes?: string[]; contextType?: string; contextId?: string }) => {
    const types = p.expectedTypes?.length ? typeList(p.expectedTypes) + " " : "";
    return p.contextType && p.contextId
      ? `there is no ${types}'${p.id}' in the ${p.contextType} '${p.contextId}'`
      : `${types}'${p.id}' does not exist`;
  },
  INVALID_ID_IS_EMPTY: (p: { description: string }) => `${p.description} cannot be empty`,
  INVALID_ID_BAD_CHAR: (p: { id: string; description: string; char: string; isFirst: boolean }) =>
    `invalid ${p.description} '${p.id}', '${p.char}' is not a valid ${p.isFirst ? "first " : ""}character for a ${p.description}`,
  INVALID_OPTIONS: (p: { names: string[]; allowed: string[]; optionType?: string; patterns?: string[] }) => {
    const head = `invalid ${p.optionType ? p.optionType + " " : ""}option${p.names.length > 1 ? "s:" : ""} ${quoteList(p.names)},`;
    const allowed = `allowed option${p.allowed.length > 1 ? "s are:" : " is"} ${quoteList(p.allowed)}`;
    const patterns = p.patterns?.length ? quoteList(p.patterns) : "";
    if (!p.allowed.length && !patterns) return `${head} there are no options allowed`;
    if (!patterns) return `${head} ${allowed}`;
    if (!p.allowed.length) return `${head} allowed are options matching patterns: ${patterns}`;
    return `${head} ${allowed} and options matching patterns: ${patterns}`;
  },
  INVALID_OPTION_VALUE: (p: { name: string; value: string; allowed?: string | string[] }) =>
    `'${p.value}' is not a valid ${p.name} value${p.allowed?.length ? `, use ${Array.isArray(p.allowed) ? quoteList(p.allowed) : p.allowed}` : ""}`,
  REQUIRED_OPTIONS_ARE_MISSING: (p: { names: string[]; optionType?: string }) =>
    `required ${p.optionType ? p.optionType + " " : ""}option${p.names.length > 1 ? "s" : ""} ${quoteList(p.names)} ${p.names.length > 1 ? "are" : "is"} missing`,
  OPTION_NOT_SUPPORTED: (p: { options: string[] }) =>
    `Specified option${p.options.length > 1 ? "s" : ""} ${quoteList(p.options)} ${p.options.length > 1 ? "are" : "is"} not supported in this command`,
  OPTION_USED_TWICE: (p: { option: string }) => `${p.option} can only be used once`,
  UNKNOWN_OPTION: (p: { option: string }) => `option ${p.option} not recognized`,
  MUTUALLY_EXCLUSIVE_OPTIONS: (p: { options: string[] }) => `Only one of ${quoteList(p.options)} can be used`,
  DEPRECATED_OPTION_VALUE: (p: { option: string; value: string; replacedBy?: string }) =>
    `Value '${p.value}' of option ${p.option} is deprecated and should not be used${p.replacedBy ? `, use '${p.replacedBy}' value instead` : ""}`,
  DEPRECATED_SYNTAX: (p: { text: string }) => p.text,
  ERRORS_HAVE_OCCURRED: () => "Errors have occurred, therefore pcs is unable to continue",
  GENERIC: (p: { text: string }) => p.text,
};
