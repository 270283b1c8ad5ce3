/** The last whole millisecond the system reads or stores (a finer fraction of that second is still read as it). */
export const LATEST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
