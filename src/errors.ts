// The three error classes of osh-sim and nothing else: bad input (exit 2), a simulation that
// reached an impossible state (exit 3), and a bug (exit 3). The CLI is the one catch point.

/** One problem found in a user's input: where it is and what is wanted there. */
export interface InputIssue {
  /** Dotted field path, e.g. `channels.chat.reply.cv`, or `line 12` for a CSV row. */
  readonly path: string;
  /** What is wrong and what is allowed, e.g. `must be >= 0, got -1`. */
  readonly message: string;
}

/** Bad input: a scenario, trace or argument that cannot be used. Holds every issue found. */
export class InputError extends Error {
  readonly file: string;
  readonly issues: readonly InputIssue[];
  constructor(file: string, issues: readonly InputIssue[]) {
    super(issues.map((i) => formatIssue(file, i)).join('\n'));
    this.name = 'InputError';
    this.file = file;
    this.issues = issues;
  }
}

/** Bad input in several files at once (a check over a folder): every file's problems. */
export class InputErrors extends Error {
  readonly errors: readonly InputError[];
  constructor(errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'InputErrors';
    this.errors = errors;
  }
}

/** `file: path: message`, the one-line form every input problem is shown in. */
export function formatIssue(file: string, issue: InputIssue): string {
  const where = issue.path === '' ? '' : `${issue.path}: `;
  return `${file}: ${where}${issue.message}`;
}

/** The model reached a state it must never reach (a negative draw, a broken invariant). */
export class SimulationError extends Error {
  readonly simulatedTime: number;
  readonly contact: number | undefined;
  constructor(message: string, simulatedTime: number, contact?: number) {
    super(
      `${message} (at t=${simulatedTime.toFixed(3)} s${contact === undefined ? '' : `, contact ${contact}`})`,
    );
    this.name = 'SimulationError';
    this.simulatedTime = simulatedTime;
    this.contact = contact;
  }
}

/** A bug in osh-sim itself: an assertion that should hold whatever the input. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}
