/**
 * Rows of the Reference table that come from the element's manifest but that a story does not wire
 * into its render: the row stays (it documents the attribute), without a control that would change
 * nothing on screen.
 */
export function documentedOnly(names: string[]): Record<string, { control: false }> {
  return Object.fromEntries(names.map((name) => [name, { control: false }]));
}
