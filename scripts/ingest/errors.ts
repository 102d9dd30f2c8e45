/** Exit codes of the CLI: 0 ok, 1 invalid rows, 2 usage error or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Bad arguments or options. */
export class UsageError extends Error {}

/** A file that cannot be read as a plan: missing, empty, corrupt, or without a project table. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string
  ) {
    super(`${file}: ${message}`);
  }
}
