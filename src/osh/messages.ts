// Messages of the OSH rules, one builder each: why an elevation is refused. Code and tests
// build the same text here. Exports one function per message.

export function unknownContactKind(kind: string, known: readonly string[]): string {
  return `unknown contact kind '${kind}' (expected one of ${known.join(', ')})`;
}

export function notAnElevationTarget(to: string): string {
  return `a contact can be elevated only to a new outbound voice or email contact, not to '${to}'`;
}

export function elevationNotInTable(from: string, to: string, allowed: readonly string[]): string {
  return `${/^[aeiou]/.test(from) ? 'an' : 'a'} ${from} contact cannot be elevated to ${to}; it may be elevated to ${allowed.join(' or ')}`;
}
