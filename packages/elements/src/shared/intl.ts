/**
 * `Intl` helpers shared by the countdown and the button, kept apart from the countdown's own
 * formatting so the button's chunk does not carry it.
 */

/**
 * Intl formatters are costly to build and countdowns re-render each second, so they are built once
 * per locale and options.
 */
const formatters = new Map<string, unknown>();
export function intl<T>(Formatter: new (locale: string, options: never) => T, locale: string, options: object): T {
  const key = `${Formatter.name}|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = new Formatter(locale, options as never);
    formatters.set(key, formatter);
  }
  return formatter;
}

interface DurationFormatter {
  format(duration: Record<string, number>): string;
}
type DurationFormatConstructor = new (locale: string, options: never) => DurationFormatter;
const DurationFormat = (Intl as { DurationFormat?: DurationFormatConstructor }).DurationFormat;

/**
 * Whole seconds as a clock in the language's digits and separators: "01:02:03", "2d, 01:02:03",
 * "٠١:٠٢:٠٣", and "02:03" under an hour unless `alwaysHours`. Uses `Intl.DurationFormat` where the
 * browser has it, else two-digit `Intl.NumberFormat` pieces joined by colons.
 */
export function clockText(totalSeconds: number, locale: string, alwaysHours = true): string {
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const withHours = alwaysHours || hours > 0 || days > 0;
  if (DurationFormat) {
    // Naming a unit's style also makes it always shown, so days are named only when there are some.
    const options = days > 0 ? { style: 'digital', days: 'narrow', hours: '2-digit' } : { style: 'digital', hours: '2-digit', hoursDisplay: withHours ? 'always' : 'auto' };
    return intl(DurationFormat, locale, options).format({ days, hours, minutes, seconds });
  }
  const two = intl(Intl.NumberFormat, locale, { minimumIntegerDigits: 2, useGrouping: false });
  const clock = (withHours ? [hours, minutes, seconds] : [minutes, seconds]).map((n) => two.format(n)).join(':');
  if (days === 0) return clock;
  const day = intl(Intl.NumberFormat, locale, { style: 'unit', unit: 'day', unitDisplay: 'narrow' }).format(days);
  return `${day} ${clock}`;
}
