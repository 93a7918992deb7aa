import { z } from 'zod';

/** A sale day: a month-day (`11-11`, every year) or an ISO date (`2026-12-12`), with hours of lead-in and tail. */
const SaleDay = z.union([
  z.string().regex(/^\d{2}-\d{2}$/, 'expected MM-DD such as "11-11"'),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD such as "2026-12-12"'),
]);

/** Event mode for sale days such as 11.11 and 12.12: shorter intervals and a higher safety buffer. */
export const EventModeSettings = z
  .object({
    dates: z.array(SaleDay).default(['11-11', '12-12']).describe('Sale days, as MM-DD (every year) or YYYY-MM-DD.'),
    leadHours: z.number().nonnegative().default(24).describe('Switch on this many hours before a sale day starts.'),
    tailHours: z.number().nonnegative().default(24).describe('Stay on this many hours after it ends.'),
    intervalFactor: z.number().positive().max(1).default(0.25).describe('Multiply every polling interval by this.'),
    extraBuffer: z.number().int().nonnegative().default(2).describe("Units added to every channel's safety buffer."),
    timeZoneOffsetMinutes: z.number().int().default(0).describe("The merchant's UTC offset (e.g. 420 for WIB)."),
  })
  .strict();
export type EventModeSettings = z.output<typeof EventModeSettings>;
/** Sale-day (event) mode settings as passed in, before defaults are filled in. */
export type EventModeSettingsInput = z.input<typeof EventModeSettings>;

const DAY_MS = 86_400_000;

/** True when `now` falls in a sale day's window (its local day, widened by lead and tail hours). */
export function isEventTime(now: Date, settings: EventModeSettings): boolean {
  const offset = settings.timeZoneOffsetMinutes * 60_000;
  const local = new Date(now.getTime() + offset);
  const years = [local.getUTCFullYear() - 1, local.getUTCFullYear(), local.getUTCFullYear() + 1];
  for (const date of settings.dates) {
    const starts = date.length === 5 ? years.map((y) => `${y}-${date}`) : [date];
    for (const day of starts) {
      const start = Date.parse(`${day}T00:00:00.000Z`) - offset;
      const from = start - settings.leadHours * 3_600_000;
      const to = start + DAY_MS + settings.tailHours * 3_600_000;
      if (now.getTime() >= from && now.getTime() < to) return true;
    }
  }
  return false;
}
