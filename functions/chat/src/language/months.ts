const NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month name or its three-letter abbreviation. */
export const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

/** 1–12 for a name matched by {@link MONTH}. */
export function monthNumber(name: string): number {
  return NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}
