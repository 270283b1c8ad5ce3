import type { WallClock } from './zone-clock';
import { utcFields } from './zone-clock';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A DATE-TIME as its fields read (RFC 5545 §3.3.5 form 1 and 3, without the `Z`): `20260501T090000`. */
export const localDateTime = (clock: WallClock): string =>
  `${pad(clock.year, 4)}${pad(clock.month)}${pad(clock.day)}T${pad(clock.hour)}${pad(clock.minute)}${pad(clock.second)}`;

/** A DATE-TIME in UTC (§3.3.5 form 2): `20260501T070000Z`. */
export const utcDateTime = (epochMs: number): string => `${localDateTime(utcFields(epochMs))}Z`;

/** A UTC-OFFSET (§3.3.14): `+0200`, `-0330`, `+005328` when the offset has seconds. */
export function utcOffset(seconds: number): string {
  const magnitude = Math.abs(seconds);
  const rest = magnitude % 60;
  return `${seconds < 0 ? '-' : '+'}${pad(Math.floor(magnitude / 3600))}${pad(Math.floor((magnitude % 3600) / 60))}${rest ? pad(rest) : ''}`;
}
